package org.openstc.noise;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.SecretBytes;

/**
 * Collects the inputs of Noise's {@code Initialize()} (section 5.3). There is no input for the
 * local ephemeral key: the handshake generates it when it writes the {@code e} token, with
 * {@link org.openstc.crypto.DhFunction#generateKeyPair} of the suite's provider and that
 * provider's {@code SecureRandom}. The provider is the only injection point; the test vectors pass
 * a test-only provider that returns the vector's fixed key.
 */
public final class HandshakeBuilder {
  final NoiseSuite suite;
  final HandshakePattern pattern;
  final boolean initiator;
  byte[] prologue = new byte[0];
  DhKeyPair s;
  byte[] rs;
  byte[] re;
  final List<SecretBytes> psks = new ArrayList<>();

  HandshakeBuilder(NoiseSuite suite, HandshakePattern pattern, boolean initiator) {
    this.suite = suite;
    this.pattern = pattern;
    this.initiator = initiator;
  }

  public HandshakeBuilder prologue(byte[] value) {
    this.prologue = value.clone();
    return this;
  }

  /** Our static key pair; the handshake only calls {@code agree} and {@code publicKey} on it. */
  public HandshakeBuilder localStatic(DhKeyPair value) {
    this.s = value;
    return this;
  }

  /** The peer's static public key, known in advance (pre-message {@code s}). */
  public HandshakeBuilder remoteStatic(byte[] value) {
    this.rs = value.clone();
    return this;
  }

  /** The peer's ephemeral public key, for patterns with an {@code e} pre-message. */
  public HandshakeBuilder remoteEphemeral(byte[] value) {
    this.re = value.clone();
    return this;
  }

  /** Adds a 32-byte pre-shared key (copied), used in the order psk tokens appear. */
  public HandshakeBuilder psk(byte[] value) {
    if (value.length != 32) {
      throw new IllegalArgumentException("a psk is 32 bytes");
    }
    psks.add(SecretBytes.copyOf(value));
    return this;
  }

  public HandshakeState build() throws GeneralSecurityException {
    return new HandshakeState(this);
  }
}
