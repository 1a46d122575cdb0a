package org.openstc.crypto.tuned;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.SecretBytes;
import org.openstc.crypto.internal.EcCurves;

/**
 * A NIST-curve DH function that takes its public keys from one implementation and its agreements
 * from another, for a JVM where each is faster at one of the two (Bouncy Castle's fixed-base comb
 * makes public keys faster than SunEC everywhere, but SunEC may agree as fast). Both sides use the
 * same encodings (big-endian scalar, uncompressed SEC1 point), so a scalar is handed from one to the
 * other through {@link DhFunction#fromPrivateKey} alone. The peer key is validated once, by the
 * agreeing implementation.
 */
final class MixedEcdh implements DhFunction {
  private final EcCurves curve;
  private final DhFunction publicKeys;
  private final DhFunction agreements;

  MixedEcdh(EcCurves curve, DhFunction publicKeys, DhFunction agreements) {
    this.curve = curve;
    this.publicKeys = publicKeys;
    this.agreements = agreements;
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
    DhKeyPair deriving = publicKeys.fromPrivateKey(privateKey);
    byte[] publicKey;
    try {
      publicKey = deriving.publicKey();
    } finally {
      deriving.destroy();
    }
    return new Pair(publicKey, agreements.fromPrivateKey(privateKey));
  }

  @Override
  public void validatePublicKey(byte[] publicKey) throws java.security.InvalidKeyException {
    agreements.validatePublicKey(publicKey);
  }

  @Override
  public String toString() {
    return curve.noiseName() + " (public keys " + publicKeys.getClass().getSimpleName()
        + ", agreement " + agreements.getClass().getSimpleName() + ")";
  }

  /** The public key made by one side and the agreeing pair of the other; thread-safe as that is. */
  private final class Pair implements DhKeyPair {
    private final byte[] publicKey;
    private final DhKeyPair agreeing;

    Pair(byte[] publicKey, DhKeyPair agreeing) {
      this.publicKey = publicKey;
      this.agreeing = agreeing;
    }

    @Override
    public DhFunction function() {
      return MixedEcdh.this;
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
      return agreeing.agree(peerPublicKey);
    }

    @Override
    public void destroy() {
      agreeing.destroy();
    }

    @Override
    public boolean isDestroyed() {
      return agreeing.isDestroyed();
    }

    @Override
    public String toString() {
      return curve.noiseName() + " key pair";
    }
  }
}
