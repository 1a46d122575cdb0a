package org.openstc.noise;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.Destroyable;
import org.openstc.crypto.Aead;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.SecretBytes;
import org.openstc.noise.HandshakePattern.Token;
import org.openstc.noise.NoiseException.Reason;

/**
 * Noise HandshakeState (section 5.3), driven by {@link #action()}: each call checks that it is the
 * allowed next action, and any failure destroys the secrets and moves to {@link Action#FAILED}.
 * After the last message, {@link #split()} hands back the transport {@link CipherStatePair} and
 * destroys the handshake.
 */
public final class HandshakeState implements Destroyable {
  /** Noise's maximum message length (section 3). */
  public static final int MAX_MESSAGE_LENGTH = 65535;

  /** What the caller must do next. */
  public enum Action {
    WRITE_MESSAGE, READ_MESSAGE, SPLIT, COMPLETE, FAILED
  }

  private final NoiseSuite suite;
  private final HandshakePattern pattern;
  private final boolean initiator;
  private final SymmetricState symmetric;
  private final DhKeyPair s;
  private final List<SecretBytes> psks;
  /** Generated when the {@code e} token is written; always ours to destroy. */
  private DhKeyPair e;
  private byte[] rs;
  private byte[] re;
  private int messageIndex;
  private int pskIndex;
  private Action action;

  HandshakeState(HandshakeBuilder b) throws GeneralSecurityException {
    this.suite = b.suite;
    this.pattern = b.pattern;
    this.initiator = b.initiator;
    this.s = b.s;
    this.rs = b.rs == null ? null : b.rs.clone();
    this.re = b.re == null ? null : b.re.clone();
    this.psks = new ArrayList<>(b.psks);
    this.symmetric = new SymmetricState(suite.protocolName(pattern), suite.cipher(), suite.hash());
    try {
      initialize(b.prologue);
    } catch (GeneralSecurityException | RuntimeException ex) {
      fail();
      throw ex;
    }
    this.action = initiator ? Action.WRITE_MESSAGE : Action.READ_MESSAGE;
  }

  /** Starts building a handshake for {@code pattern} with the functions of {@code suite}. */
  public static HandshakeBuilder builder(NoiseSuite suite, HandshakePattern pattern,
      boolean initiator) {
    return new HandshakeBuilder(suite, pattern, initiator);
  }

  private void initialize(byte[] prologue) throws GeneralSecurityException {
    symmetric.mixHash(prologue);
    premessage(pattern.initiatorPremessage(), initiator);
    premessage(pattern.responderPremessage(), !initiator);
    if (pattern.pskCount() > psks.size()) {
      throw new NoiseException(Reason.MISSING_KEY, pattern.name() + " needs "
          + pattern.pskCount() + " psk(s)");
    }
  }

  /** Mixes one side's pre-message keys; {@code local} says whether that side is us. */
  private void premessage(List<Token> tokens, boolean local) throws GeneralSecurityException {
    for (Token t : tokens) {
      byte[] key = t == Token.S ? (local ? publicOf(s, "s") : require(rs, "rs"))
          : (local ? publicOf(e, "e") : require(re, "re"));
      if (!local) {
        validate(key);
      }
      symmetric.mixHash(key);
      if (t == Token.E && pattern.usesPsk()) {
        symmetric.mixKey(key);
      }
    }
  }

  public Action action() {
    return action;
  }

  public boolean isInitiator() {
    return initiator;
  }

  public String protocolName() {
    return suite.protocolName(pattern);
  }

  /** The handshake hash {@code h}; after the last message it is the channel binding value. */
  public byte[] handshakeHash() {
    return symmetric.handshakeHash();
  }

  /** The peer's static public key once it is known (pre-message or received), else null. */
  public byte[] remoteStaticPublicKey() {
    return rs == null ? null : rs.clone();
  }

  /** Writes the next handshake message carrying {@code payload}. */
  public byte[] writeMessage(byte[] payload) throws GeneralSecurityException {
    expect(Action.WRITE_MESSAGE);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (Token t : pattern.messages().get(messageIndex)) {
        writeToken(t, out);
      }
      out.writeBytes(symmetric.encryptAndHash(payload));
      if (out.size() > MAX_MESSAGE_LENGTH) {
        throw new NoiseException(Reason.MESSAGE_TOO_LONG, "handshake message exceeds 65535 bytes");
      }
      advance();
      return out.toByteArray();
    } catch (GeneralSecurityException | RuntimeException ex) {
      fail();
      throw ex;
    }
  }

  /** Reads the next handshake message and returns its payload. */
  public byte[] readMessage(byte[] message) throws GeneralSecurityException {
    expect(Action.READ_MESSAGE);
    try {
      if (message.length > MAX_MESSAGE_LENGTH) {
        throw new NoiseException(Reason.MESSAGE_TOO_LONG, "handshake message exceeds 65535 bytes");
      }
      int[] pos = {0};
      for (Token t : pattern.messages().get(messageIndex)) {
        readToken(t, message, pos);
      }
      byte[] payload = symmetric.decryptAndHash(Arrays.copyOfRange(message, pos[0], message.length));
      advance();
      return payload;
    } catch (GeneralSecurityException | RuntimeException ex) {
      fail();
      throw ex;
    }
  }

  /** After the last message: the transport keys. The handshake is destroyed. */
  public CipherStatePair split() throws GeneralSecurityException {
    expect(Action.SPLIT);
    byte[] h = symmetric.handshakeHash();
    CipherState[] cs = symmetric.split();
    action = Action.COMPLETE;
    destroyEphemeral();
    return initiator ? new CipherStatePair(cs[0], cs[1], h) : new CipherStatePair(cs[1], cs[0], h);
  }

  private void writeToken(Token t, ByteArrayOutputStream out) throws GeneralSecurityException {
    switch (t) {
      case E:
        e = suite.dh().generateKeyPair(suite.random());
        byte[] pub = e.publicKey();
        out.writeBytes(pub);
        symmetric.mixHash(pub);
        if (pattern.usesPsk()) {
          symmetric.mixKey(pub);
        }
        break;
      case S:
        out.writeBytes(symmetric.encryptAndHash(publicOf(s, "s")));
        break;
      case PSK:
        symmetric.mixKeyAndHash(psks.get(pskIndex++).bytes());
        break;
      default:
        mixDh(t);
    }
  }

  private void readToken(Token t, byte[] msg, int[] pos) throws GeneralSecurityException {
    switch (t) {
      case E:
        re = take(msg, pos, suite.dh().publicKeyLength());
        validate(re);
        symmetric.mixHash(re);
        if (pattern.usesPsk()) {
          symmetric.mixKey(re);
        }
        break;
      case S:
        int len = suite.dh().publicKeyLength() + (symmetric.hasKey() ? Aead.TAG_LENGTH : 0);
        byte[] decrypted = symmetric.decryptAndHash(take(msg, pos, len));
        validate(decrypted);
        rs = decrypted;
        break;
      case PSK:
        symmetric.mixKeyAndHash(psks.get(pskIndex++).bytes());
        break;
      default:
        mixDh(t);
    }
  }

  /** ee, es, se, ss: which local key meets which remote key depends on our role. */
  private void mixDh(Token t) throws GeneralSecurityException {
    boolean localEphemeral;
    boolean remoteEphemeral;
    switch (t) {
      case EE: localEphemeral = true; remoteEphemeral = true; break;
      case SS: localEphemeral = false; remoteEphemeral = false; break;
      case ES: localEphemeral = initiator; remoteEphemeral = !initiator; break;
      case SE: localEphemeral = !initiator; remoteEphemeral = initiator; break;
      default: throw new IllegalStateException("not a DH token: " + t);
    }
    DhKeyPair local = localEphemeral ? e : s;
    byte[] remote = remoteEphemeral ? re : rs;
    if (local == null || remote == null) {
      throw new NoiseException(Reason.MISSING_KEY, "missing key for token " + t);
    }
    byte[] shared;
    try {
      shared = local.agree(remote);
    } catch (InvalidKeyException ex) {
      throw new NoiseException(Reason.DH_FAILED, "Diffie-Hellman failed for token " + t, ex);
    }
    try {
      symmetric.mixKey(shared);
    } finally {
      SecretBytes.wipe(shared);
    }
  }

  private void validate(byte[] publicKey) throws NoiseException {
    try {
      suite.dh().validatePublicKey(publicKey);
    } catch (InvalidKeyException ex) {
      throw new NoiseException(Reason.BAD_PUBLIC_KEY, ex.getMessage(), ex);
    }
  }

  private static byte[] take(byte[] msg, int[] pos, int len) throws NoiseException {
    if (msg.length - pos[0] < len) {
      throw new NoiseException(Reason.MESSAGE_TOO_SHORT, "handshake message too short");
    }
    byte[] out = Arrays.copyOfRange(msg, pos[0], pos[0] + len);
    pos[0] += len;
    return out;
  }

  private static byte[] publicOf(DhKeyPair pair, String what) throws NoiseException {
    if (pair == null) {
      throw new NoiseException(Reason.MISSING_KEY, "pattern needs local key " + what);
    }
    return pair.publicKey();
  }

  private static byte[] require(byte[] key, String what) throws NoiseException {
    if (key == null) {
      throw new NoiseException(Reason.MISSING_KEY, "pattern needs remote key " + what);
    }
    return key;
  }

  private void advance() {
    messageIndex++;
    if (messageIndex == pattern.messages().size()) {
      action = Action.SPLIT;
    } else {
      action = (messageIndex % 2 == 0) == initiator ? Action.WRITE_MESSAGE : Action.READ_MESSAGE;
    }
  }

  private void expect(Action expected) throws NoiseException {
    if (action != expected) {
      throw new NoiseException(Reason.WRONG_STATE, "expected " + action + ", not " + expected);
    }
  }

  private void fail() {
    action = Action.FAILED;
    destroySecrets();
  }

  private void destroyEphemeral() {
    if (e != null) {
      e.destroy();
    }
    for (SecretBytes psk : psks) {
      psk.destroy();
    }
  }

  private void destroySecrets() {
    destroyEphemeral();
    symmetric.destroy();
  }

  /**
   * Destroys the generated ephemeral key, the psks and the chaining key; the static key is the
   * caller's.
   */
  @Override
  public void destroy() {
    if (action != Action.COMPLETE) {
      action = Action.FAILED;
    }
    destroySecrets();
  }

  @Override
  public boolean isDestroyed() {
    return action == Action.FAILED || action == Action.COMPLETE;
  }
}
