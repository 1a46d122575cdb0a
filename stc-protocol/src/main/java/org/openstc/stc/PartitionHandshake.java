package org.openstc.stc;

import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openstc.crypto.CryptoProvider;
import org.openstc.noise.CipherStatePair;
import org.openstc.noise.HandshakeState;
import org.openstc.noise.Patterns;
import org.openstc.stc.PeerRegistry.RegisteredPeer;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.wire.internal.ChannelParameters;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.internal.Prologue;
import org.openstc.stc.wire.Wire;

/**
 * The partition side of OPEN / RETRY / ACTIVATE, sans-IO (docs/protocol.md, "Handshake"). Pass
 * every received frame to {@link #onFrame} and send what it returns. On an {@link StcException}
 * send {@link #reject(StcException)} and close the connection. The caller enforces the activation
 * deadline with {@link #deadlineNanos()}. The ephemeral keys come from the provider's DH function
 * ({@link org.openstc.crypto.DhFunction#generateKeyPair}).
 */
public final class PartitionHandshake {

  /** Where the handshake is. */
  public enum State {
    AWAIT_OPEN, AWAIT_ACTIVATE, ACTIVE, FAILED
  }

  private final CryptoProvider provider;
  private final PartitionResolver resolver;
  private final long startNanos;
  private long timeoutNanos;
  private State state = State.AWAIT_OPEN;
  private Prologue retryPrologue;
  private Suite retrySuite;
  private PartitionEndpoint endpoint;
  private Prologue prologue;
  private RegisteredPeer client;
  private ChannelParameters parameters;
  private CipherStatePair keys;
  private StcChannel channel;

  /**
   * @param startNanos {@link System#nanoTime()} when the connection's first byte arrived
   * @param defaultTimeoutSeconds the activation timeout until OPEN names a partition
   */
  public PartitionHandshake(CryptoProvider provider, PartitionResolver resolver, long startNanos,
      int defaultTimeoutSeconds) {
    this.provider = provider;
    this.resolver = resolver;
    this.startNanos = startNanos;
    this.timeoutNanos = TimeUnit.SECONDS.toNanos(defaultTimeoutSeconds);
  }

  public State state() {
    return state;
  }

  public boolean isActive() {
    return state == State.ACTIVE;
  }

  /** {@link System#nanoTime()} by which ACTIVATE must have completed. */
  public long deadlineNanos() {
    PartitionChecks checks = endpoint == null ? PartitionChecks.STRICT : endpoint.checks();
    return checks.activationDeadline(startNanos, timeoutNanos);
  }

  /** Throws {@code CKR_STC_ACTIVATION_TIMEOUT} if the channel is not active by {@code nowNanos}. */
  public void checkDeadline(long nowNanos) throws StcException {
    if (state != State.ACTIVE && nowNanos - deadlineNanos() >= 0) {
      fail();
      throw new StcException(StcError.CKR_STC_ACTIVATION_TIMEOUT,
          "channel not activated within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
    }
  }

  /** Handles one frame from the client; returns the frame to send, or null. */
  public byte[] onFrame(Frame frame) throws StcException {
    try {
      switch (frame.type()) {
        case OPEN: return onOpen(frame);
        case ACTIVATE: return onActivate(frame);
        case DATA: case CLOSE: case ALERT:
          throw new StcException(StcError.CKR_STC_NO_CONTEXT,
              "no channel context: " + frame.type() + " before ACTIVATE");
        default:
          throw new StcException(StcError.CKR_STC_UNEXPECTED_MESSAGE,
              frame.type() + " is not sent by clients");
      }
    } catch (StcException | RuntimeException e) {
      fail();
      throw e;
    }
  }

  /**
   * A REJECT frame reporting {@code e} to the client (cleartext, before the channel exists): its
   * code with the code's fixed reason ({@link StcError#reason()}); the exception's message, which
   * may name the client or the partition, is for the host's log only.
   */
  public static byte[] reject(StcException e) {
    return Frame.encode(FrameType.REJECT, Alerts.encode(e.error(), e.error().reason()));
  }

  public StcChannel channel() {
    if (state != State.ACTIVE) {
      throw new IllegalStateException("channel is not active: " + state);
    }
    return channel;
  }

  /** The partition the client opened (after OPEN). */
  public PartitionEndpoint endpoint() {
    return endpoint;
  }

  /** The registered client that proved its identity (after OPEN). */
  public RegisteredPeer client() {
    return client;
  }

  private byte[] onOpen(Frame frame) throws StcException {
    expect(State.AWAIT_OPEN);
    byte[] buf = frame.array();
    Prologue p = Prologue.decode(buf, frame.bodyOffset(), frame.bodyLength());
    if (retryPrologue != null) {
      checkFollowsRetry(p);
    }
    PartitionEndpoint ep = resolver.resolve(p.serial()).orElseThrow(() -> new StcException(
        StcError.CKR_STC_CONTAINER_INVALID, "no partition with serial " + p.serial()));
    if (ep.identity() == null) {
      throw new StcException(StcError.CKR_STC_PARTITION_IDENTITY_NOT_CONFIGURED,
          "partition " + p.serial() + " has no identity key");
    }
    timeoutNanos = TimeUnit.SECONDS.toNanos(ep.policy().activationTimeoutSeconds());
    if (retryPrologue == null) {
      Suite choice = choose(p, ep);
      if (p.selected() != choice) {
        retryPrologue = p;
        retrySuite = choice;
        return Frame.encode(FrameType.RETRY, new byte[] {(byte) (choice.code() >>> 8),
            (byte) choice.code()});
      }
    } else if (!p.selected().allowedBy(ep.policy(), ep.identity().keyType())) {
      // Section 8.2: the second OPEN is judged by the settings in force when it arrives.
      throw new StcException(StcError.CKR_STC_CIPHER_SUITE_REJECTED, "suite " + p.selected()
          + " named in RETRY is no longer allowed by partition " + p.serial());
    }
    endpoint = ep;
    prologue = p;
    return respond(buf, frame.bodyOffset(), frame.bodyLength(), p);
  }

  /** Section 8.2: a second OPEN repeats the first with only {@code selected} set to the RETRY's. */
  private void checkFollowsRetry(Prologue p) throws StcException {
    if (p.selected() != retrySuite || !p.offered().equals(retryPrologue.offered())
        || p.serial() != retryPrologue.serial()) {
      throw new StcException(StcError.CKR_STC_OPEN_CIPHER_MISMATCH,
          "second OPEN does not follow RETRY");
    }
  }

  /** The first offered suite the partition allows (HelloRetryRequest-style selection). */
  private static Suite choose(Prologue p, PartitionEndpoint ep) throws StcException {
    // Prologue.decode already refused a selected suite that is not among the offered ones.
    for (Suite s : p.offered()) {
      if (s.allowedBy(ep.policy(), ep.identity().keyType())) {
        return s;
      }
    }
    throw new StcException(StcError.CKR_STC_CIPHER_SUITE_REJECTED,
        "none of the offered suites is allowed by partition " + p.serial());
  }

  private byte[] respond(byte[] buf, int off, int len, Prologue p) throws StcException {
    int proLen = p.length();
    try {
      HandshakeState noise = HandshakeState.builder(p.selected().noiseSuite(provider),
          Patterns.IK, false).prologue(endpoint.checks().boundPrologue(buf, off, proLen))
          .localStatic(endpoint.identity()).build();
      byte[] payload = noise.readMessage(Arrays.copyOfRange(buf, off + proLen, off + len));
      if (payload.length != 0) {
        throw new StcException(StcError.CKR_STC_FRAME_INVALID, "OPEN payload must be empty");
      }
      client = lookup(noise.remoteStaticPublicKey());
      parameters = parametersFor(endpoint.policy());
      byte[] msg2 = noise.writeMessage(parameters.encode());
      keys = noise.split();
      state = State.AWAIT_ACTIVATE;
      return Frame.encode(FrameType.OPEN_RESPONSE, msg2);
    } catch (GeneralSecurityException e) {
      throw NoiseErrors.translate(e);
    }
  }

  private RegisteredPeer lookup(byte[] clientStatic) throws StcException {
    // The Noise engine validated the key when it decrypted it (DhFunction.validatePublicKey).
    PeerIdentity id = PeerIdentity.ofValidated(endpoint.identity().keyType(), clientStatic);
    return endpoint.registry().find(id).orElseThrow(() -> new StcException(
        StcError.CKR_STC_CLIENT_HANDLE_INVALID, "client identity " + id.fingerprint()
        + " is not registered on partition " + endpoint.serial()));
  }

  static ChannelParameters parametersFor(ChannelPolicy policy) {
    return new ChannelParameters(policy.integrityOnly(), policy.replayWindow(),
        policy.rekeyThresholdRecords(), Wire.MAX_PLAINTEXT);
  }

  private byte[] onActivate(Frame frame) throws StcException {
    expect(State.AWAIT_ACTIVATE);
    byte[] h = keys.handshakeHash();
    if (!endpoint.checks().keyConfirmed(keys.receiver(), h, frame.body())) {
      throw new StcException(StcError.CKR_STC_ACTIVATE_MACTAG_U_VERIFY_FAIL,
          "the client's key confirmation did not verify");
    }
    if (endpoint.registry().find(client.identity()).isEmpty()) {
      // Deregistered since OPEN (section 10): no ACTIVATE_RESPONSE, no channel.
      throw new StcException(StcError.CKR_STC_CLIENT_HANDLE_INVALID, "client identity "
          + client.identity().fingerprint() + " was deregistered from partition "
          + endpoint.serial() + " during the handshake");
    }
    byte[] tag;
    try {
      tag = KeyConfirmation.tag(keys.sender(), KeyConfirmation.LABEL_V, h);
    } catch (GeneralSecurityException e) {
      throw new StcException(StcError.CKR_STC_ACTIVATE_MACTAG_V_GEN_FAIL, "cannot seal MacTag_V");
    }
    ChannelInfo info = new ChannelInfo(prologue.selected(), parameters.integrityOnly(),
        ChannelInfo.channelId(h), prologue.serial(), endpoint.identity().identity(),
        client.identity(), parameters.replayWindow(), parameters.rekeyThresholdRecords(),
        parameters.maxPlaintext(), Instant.now());
    channel = new StcChannel(info, keys, endpoint.checks());
    state = State.ACTIVE;
    return Frame.encode(FrameType.ACTIVATE_RESPONSE, tag);
  }

  private void expect(State expected) throws StcException {
    if (state != expected) {
      throw new StcException(StcError.CKR_STC_UNEXPECTED_MESSAGE,
          frame(expected) + " is not allowed in state " + state);
    }
  }

  private static String frame(State expected) {
    return expected == State.AWAIT_OPEN ? "OPEN" : "ACTIVATE";
  }

  /** Ends the handshake from the host's side (e.g. the client was deregistered meanwhile). */
  public void cancel() {
    fail();
  }

  private void fail() {
    state = State.FAILED;
    if (keys != null && channel == null) {
      keys.destroy();
    }
  }
}
