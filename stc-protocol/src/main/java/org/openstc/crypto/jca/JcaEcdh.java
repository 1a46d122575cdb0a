package org.openstc.crypto.jca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.EcCurves;
import org.openstc.crypto.SecretBytes;

/** ECDH on NIST P-256 / P-521 with SunEC; points are validated by {@link EcCurves} first. */
final class JcaEcdh implements DhFunction {
  private final EcCurves curve;

  JcaEcdh(EcCurves curve) {
    this.curve = curve;
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
    BigInteger d = curve.decodePrivate(privateKey);
    KeyFactory factory = KeyFactory.getInstance("EC");
    PrivateKey key = factory.generatePrivate(new ECPrivateKeySpec(d, curve.jcaParameters()));
    return new Pair(factory, key, privateKey, curve.publicFromPrivate(d));
  }

  @Override
  public void validatePublicKey(byte[] publicKey) throws InvalidKeyException {
    curve.decodePoint(publicKey);
  }

  /**
   * The key factory and key agreement are kept (no provider lookup per call) and guarded by the
   * pair's lock, because a static key serves concurrent handshakes.
   */
  private final class Pair implements DhKeyPair {
    private final KeyFactory factory;
    private final PrivateKey key;
    private final SecretBytes raw;
    private final byte[] publicKey;
    private KeyAgreement agreement;

    Pair(KeyFactory factory, PrivateKey key, byte[] raw, byte[] publicKey) {
      this.factory = factory;
      this.key = key;
      this.raw = SecretBytes.copyOf(raw);
      this.publicKey = publicKey;
    }

    @Override
    public DhFunction function() {
      return JcaEcdh.this;
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public synchronized byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
      if (raw.isDestroyed()) {
        throw new IllegalStateException("key pair destroyed");
      }
      PublicKey peer = factory.generatePublic(
          new ECPublicKeySpec(curve.decodePoint(peerPublicKey), curve.jcaParameters()));
      if (agreement == null) {
        agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(key);
      }
      try {
        agreement.doPhase(peer, true);
        return agreement.generateSecret();
      } catch (GeneralSecurityException | RuntimeException e) {
        agreement = null;
        throw new InvalidKeyException(curve.noiseName() + " agreement failed");
      }
    }

    @Override
    public synchronized void destroy() {
      raw.destroy();
      agreement = null;
    }

    @Override
    public boolean isDestroyed() {
      return raw.isDestroyed();
    }

    @Override
    public String toString() {
      return curve.noiseName() + " key pair";
    }
  }
}
