package org.openstc.crypto.bc;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.internal.EcCurves;
import org.openstc.crypto.SecretBytes;

/**
 * ECDH on NIST P-256 / P-521 with Bouncy Castle's custom-curve arithmetic, on BC's own curve
 * parameters and point validation (independent of the JCA provider's, which the cross-provider
 * tests compare); the shared secret is the x-coordinate of the product, big-endian in
 * {@link EcCurves#fieldLength()} bytes. Both multiplications are regular (their sequence of
 * operations does not depend on the scalar): public keys by BC's fixed-base comb, whose table for
 * the base point BC builds once and keeps; agreements by {@link RegularMultiplier}, not by
 * {@code ECDHBasicAgreement}, whose wNAF multiplier's timing follows the scalar and which decodes
 * and validates the peer point a second time.
 */
final class BcEcdh implements DhFunction {
  private final EcCurves curve;
  private final ECDomainParameters domain;

  BcEcdh(EcCurves curve) {
    this.curve = curve;
    this.domain = new ECDomainParameters(CustomNamedCurves.getByName(curve.standardName()));
  }

  @Override
  public String name() {
    return curve.noiseName();
  }

  @Override
  public int publicKeyLength() {
    return curve.pointLength();
  }

  @Override
  public int sharedSecretLength() {
    return curve.fieldLength();
  }

  @Override
  public int privateKeyLength() {
    return curve.fieldLength();
  }

  @Override
  public DhKeyPair generateKeyPair(SecureRandom random) throws GeneralSecurityException {
    byte[] scalar = curve.randomScalar(random);
    try {
      return fromPrivateKey(scalar);
    } finally {
      SecretBytes.wipe(scalar);
    }
  }

  @Override
  public DhKeyPair fromPrivateKey(byte[] privateKey) throws GeneralSecurityException {
    if (privateKey == null || privateKey.length != curve.fieldLength()) {
      throw new InvalidKeyException(curve.noiseName() + " private key must be "
          + curve.fieldLength() + " bytes");
    }
    BigInteger d = new BigInteger(1, privateKey);
    if (d.signum() == 0 || d.compareTo(domain.getN()) >= 0) {
      throw new InvalidKeyException(curve.noiseName() + " private key out of range");
    }
    // The fixed-base comb is BC's regular (side-channel-resistant) multiplier for the base point.
    ECPoint q = new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize();
    return new Pair(new ECPrivateKeyParameters(d, domain), q.getEncoded(false));
  }

  @Override
  public void validatePublicKey(byte[] publicKey) throws InvalidKeyException {
    decode(publicKey);
  }

  /**
   * Only the uncompressed SEC1 form of the exact length; BC then checks the coordinates are field
   * elements, the point is on the curve and in the prime-order group.
   */
  private ECPoint decode(byte[] publicKey) throws InvalidKeyException {
    if (publicKey == null || publicKey.length != curve.pointLength()) {
      throw new InvalidKeyException(curve.noiseName() + " public key must be "
          + curve.pointLength() + " bytes");
    }
    if (publicKey[0] != 0x04) {
      throw new InvalidKeyException(curve.noiseName() + " public key must be an uncompressed point");
    }
    try {
      return domain.getCurve().decodePoint(publicKey);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException(curve.noiseName() + " public key is not a valid point");
    }
  }

  /** Immutable apart from destruction. */
  private final class Pair implements DhKeyPair {
    private volatile ECPrivateKeyParameters key;
    private final byte[] publicKey;

    Pair(ECPrivateKeyParameters key, byte[] publicKey) {
      this.key = key;
      this.publicKey = publicKey;
    }

    @Override
    public DhFunction function() {
      return BcEcdh.this;
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
      ECPrivateKeyParameters k = key;
      if (k == null) {
        throw new IllegalStateException("key pair destroyed");
      }
      ECPoint peer = decode(peerPublicKey);
      BigInteger x;
      try {
        x = RegularMultiplier.x(peer, k.getD(), domain.getN());
      } catch (RuntimeException e) {
        throw new InvalidKeyException(curve.noiseName() + " agreement failed");
      }
      if (x == null) {
        throw new InvalidKeyException(curve.noiseName() + " agreement gave the point at infinity");
      }
      byte[] secret = new byte[curve.fieldLength()];
      curve.writeFixed(x, secret, 0);
      return secret;
    }

    /**
     * Drops the private key. BC keeps the scalar in an immutable {@link BigInteger}, which cannot be
     * overwritten; after this call the key pair refuses to agree and holds no reference to it.
     */
    @Override
    public void destroy() {
      key = null;
    }

    @Override
    public boolean isDestroyed() {
      return key == null;
    }

    @Override
    public String toString() {
      return curve.noiseName() + " key pair";
    }
  }
}
