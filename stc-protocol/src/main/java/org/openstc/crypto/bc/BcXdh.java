package org.openstc.crypto.bc;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.SecretBytes;

/**
 * X25519 and X448 (RFC 7748) on Bouncy Castle's {@code rfc7748} classes. Encodings are RFC 7748's
 * raw little-endian strings, as in the JCA provider: the private key is the unclamped 32/56-byte
 * scalar (clamped at use), the public key the u-coordinate. BC masks the top bit of an X25519
 * u-coordinate and reduces non-canonical values modulo p, as RFC 7748 section 5 requires.
 */
final class BcXdh implements DhFunction {
  enum Curve {
    X25519("25519", 32),
    X448("448", 56);

    final String noiseName;
    final int length;

    Curve(String noiseName, int length) {
      this.noiseName = noiseName;
      this.length = length;
    }

    void publicKey(byte[] k, byte[] out) {
      if (this == X25519) {
        org.bouncycastle.math.ec.rfc7748.X25519.generatePublicKey(k, 0, out, 0);
      } else {
        org.bouncycastle.math.ec.rfc7748.X448.generatePublicKey(k, 0, out, 0);
      }
    }

    /** Returns false when the result is all zero (a low-order or zero peer point). */
    boolean agree(byte[] k, byte[] u, byte[] out) {
      if (this == X25519) {
        return org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(k, 0, u, 0, out, 0);
      }
      return org.bouncycastle.math.ec.rfc7748.X448.calculateAgreement(k, 0, u, 0, out, 0);
    }
  }

  private final Curve curve;

  BcXdh(Curve curve) {
    this.curve = curve;
  }

  @Override
  public String name() {
    return curve.noiseName;
  }

  @Override
  public int publicKeyLength() {
    return curve.length;
  }

  @Override
  public int sharedSecretLength() {
    return curve.length;
  }

  @Override
  public int privateKeyLength() {
    return curve.length;
  }

  @Override
  public DhKeyPair generateKeyPair(SecureRandom random) throws GeneralSecurityException {
    byte[] scalar = new byte[curve.length];
    random.nextBytes(scalar);
    try {
      return fromPrivateKey(scalar);
    } finally {
      SecretBytes.wipe(scalar);
    }
  }

  @Override
  public DhKeyPair fromPrivateKey(byte[] privateKey) throws GeneralSecurityException {
    if (privateKey == null || privateKey.length != curve.length) {
      throw new InvalidKeyException(
          curve.noiseName + " private key must be " + curve.length + " bytes");
    }
    byte[] publicKey = new byte[curve.length];
    curve.publicKey(privateKey, publicKey);
    return new Pair(SecretBytes.copyOf(privateKey), publicKey);
  }

  @Override
  public void validatePublicKey(byte[] publicKey) throws InvalidKeyException {
    if (publicKey == null || publicKey.length != curve.length) {
      throw new InvalidKeyException(
          curve.noiseName + " public key must be " + curve.length + " bytes");
    }
  }

  /** Stateless apart from the private key, so {@link #agree} is thread-safe. */
  private final class Pair implements DhKeyPair {
    private final SecretBytes privateKey;
    private final byte[] publicKey;

    Pair(SecretBytes privateKey, byte[] publicKey) {
      this.privateKey = privateKey;
      this.publicKey = publicKey;
    }

    @Override
    public DhFunction function() {
      return BcXdh.this;
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
      if (privateKey.isDestroyed()) {
        throw new IllegalStateException("key pair destroyed");
      }
      validatePublicKey(peerPublicKey);
      byte[] secret = new byte[curve.length];
      if (!curve.agree(privateKey.bytes(), peerPublicKey, secret)) {
        throw new InvalidKeyException(curve.noiseName + " shared secret is all zero");
      }
      return secret;
    }

    @Override
    public void destroy() {
      privateKey.destroy();
    }

    @Override
    public boolean isDestroyed() {
      return privateKey.isDestroyed();
    }

    @Override
    public String toString() {
      return curve.noiseName + " key pair";
    }
  }
}
