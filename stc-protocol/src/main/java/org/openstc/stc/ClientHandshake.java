package org.openstc.stc;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import org.openstc.crypto.CryptoProvider;
import org.openstc.noise.CipherStatePair;
import org.openstc.noise.HandshakeState;
import org.openstc.noise.Patterns;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.wire.internal.ChannelParameters;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.internal.Prologue;

/**
 * The client side of OPEN / RETRY / ACTIVATE, sans-IO (docs/protocol.md, "Handshake"). Call
 * {@link #start()} and send the frame; pass every received frame to {@link #onFrame} and send what
 * it returns; when {@link #isActive()} the {@link #channel()} is ready. The ephemeral keys come
 * from the provider's DH function ({@link org.openstc.crypto.DhFunction#generateKeyPair}).
 */
public final class ClientHandshake {

  /** Where the handshake is. */
  public enum State {
    START, AWAIT_OPEN_RESPONSE, AWAIT_ACTIVATE_RESPONSE, ACTIVE, FAILED
  }

  private final CryptoProvider provider;
  private final StaticKeyAgreement local;
  private final PeerIdentity partition;
  private final long serial;
  private final List<Suite> offer;
  private State state = State.START;
  private boolean retried;
  private Prologue prologue;
  private HandshakeState noise;
  private CipherStatePair keys;
  private ChannelParameters parameters;
  private StcChannel channel;

  /**
   * @param offer the suites to offer, preferred first; all must use the key type of both identities
   */
  public ClientHandshake(CryptoProvider provider, StaticKeyAgreement local, long serial,
      PeerIdentity partition, List<Suite> offer) throws StcException {
    if (offer.isEmpty()) {
      throw new IllegalArgumentException("offer at least one suite");
    }
    if (local.keyType() != partition.keyType()) {
      throw new StcException(StcError.CKR_STC_DH_KEY_NOT_FROM_SAME_GROUP, "client identity is "
          + local.keyType().label() + " but the partition identity is "
          + partition.keyType().label());
    }
    for (Suite s : offer) {
      if (s.keyType() != local.keyType()) {
        throw new IllegalArgumentException(s + " does not use key type " + local.keyType());
      }
    }
    this.provider = provider;
    this.local = local;
    this.partition = partition;
    this.serial = serial;
    this.offer = List.copyOf(offer);
    new Prologue(serial, offer.get(0), offer); // validates the offer
  }

  /** With the default offer for the key type. */
  public ClientHandshake(CryptoProvider provider, StaticKeyAgreement local, long serial,
      PeerIdentity partition) throws StcException {
    this(provider, local, serial, partition, Suite.defaultOffer(local.keyType()));
  }

  public State state() {
    return state;
  }

  public boolean isActive() {
    return state == State.ACTIVE;
  }

  /** The OPEN frame offering our suites, with IK message 1 for the first. */
  public byte[] start() throws StcException {
    expect(State.START);
    return open(offer.get(0));
  }

  /** Handles one frame from the partition; returns the frame to send next, or null. */
  public byte[] onFrame(Frame frame) throws StcException {
    try {
      switch (frame.type()) {
        case RETRY: return onRetry(frame);
        case OPEN_RESPONSE: return onOpenResponse(frame);
        case ACTIVATE_RESPONSE: return onActivateResponse(frame);
        case REJECT: throw Alerts.toException(frame.body());
        default:
          throw new StcException(StcError.CKR_STC_UNEXPECTED_MESSAGE,
              frame.type() + " is not allowed during the handshake");
      }
    } catch (StcException | RuntimeException e) {
      fail();
      throw e;
    }
  }

  /** The active channel. */
  public StcChannel channel() {
    if (state != State.ACTIVE) {
      throw new IllegalStateException("channel is not active: " + state);
    }
    return channel;
  }

  /** The suite of the current (or final) Noise handshake. */
  public Suite suite() {
    return prologue == null ? offer.get(0) : prologue.selected();
  }

  private byte[] open(Suite suite) throws StcException {
    prologue = new Prologue(serial, suite, offer);
    byte[] pro = prologue.encode();
    try {
      noise = HandshakeState.builder(suite.noiseSuite(provider), Patterns.IK, true)
          .prologue(pro).localStatic(local).remoteStatic(partition.publicKey()).build();
      byte[] msg1 = noise.writeMessage(new byte[0]);
      byte[] body = new byte[pro.length + msg1.length];
      System.arraycopy(pro, 0, body, 0, pro.length);
      System.arraycopy(msg1, 0, body, pro.length, msg1.length);
      state = State.AWAIT_OPEN_RESPONSE;
      return Frame.encode(FrameType.OPEN, body);
    } catch (GeneralSecurityException e) {
      throw NoiseErrors.translate(e);
    }
  }

  private byte[] onRetry(Frame frame) throws StcException {
    expect(State.AWAIT_OPEN_RESPONSE);
    byte[] body = frame.body();
    int code = (body[0] & 0xff) << 8 | body[1] & 0xff;
    Suite suite = Suite.fromCode(code).orElse(null);
    if (retried || suite == null || !offer.contains(suite) || suite == prologue.selected()) {
      throw new StcException(StcError.CKR_STC_OPEN_CIPHER_MISMATCH,
          "partition asked for a suite we did not offer, or asked twice");
    }
    retried = true;
    noise.destroy();
    return open(suite);
  }

  private byte[] onOpenResponse(Frame frame) throws StcException {
    expect(State.AWAIT_OPEN_RESPONSE);
    try {
      parameters = ChannelParameters.decode(noise.readMessage(frame.body()));
      keys = noise.split();
      byte[] tag = KeyConfirmation.tag(keys.sender(), KeyConfirmation.LABEL_U, keys.handshakeHash());
      state = State.AWAIT_ACTIVATE_RESPONSE;
      return Frame.encode(FrameType.ACTIVATE, tag);
    } catch (GeneralSecurityException e) {
      throw NoiseErrors.translate(e);
    }
  }

  private byte[] onActivateResponse(Frame frame) throws StcException {
    expect(State.AWAIT_ACTIVATE_RESPONSE);
    byte[] h = keys.handshakeHash();
    if (!KeyConfirmation.verify(keys.receiver(), KeyConfirmation.LABEL_V, h, frame.body())) {
      throw new StcException(StcError.CKR_STC_KEY_CONFIRMATION_FAILED,
          "the partition's key confirmation did not verify");
    }
    ChannelInfo info = new ChannelInfo(prologue.selected(), parameters.integrityOnly(),
        ChannelInfo.channelId(h), serial, local.identity(), partition, parameters.replayWindow(),
        parameters.rekeyThresholdRecords(), parameters.maxPlaintext(), Instant.now());
    channel = new StcChannel(info, keys);
    state = State.ACTIVE;
    return null;
  }

  private void expect(State expected) throws StcException {
    if (state != expected) {
      throw new StcException(StcError.CKR_STC_UNEXPECTED_MESSAGE,
          "handshake is in state " + state + ", not " + expected);
    }
  }

  private void fail() {
    state = State.FAILED;
    if (noise != null) {
      noise.destroy();
    }
    if (keys != null && channel == null) {
      keys.destroy();
    }
  }
}
