package org.openstc.crypto.jca;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.internal.EcCurves;

/**
 * ECDH on NIST P-256 / P-521 with SunEC alone (no Bouncy Castle); points are validated by
 * {@link EcCurves} first.
 */
final class JcaEcdh implements DhFunction {
  private static final byte[] PROBE = "openstc public key check".getBytes(StandardCharsets.US_ASCII);

  private final EcCurves curve;
  private final ECParameterSpec params;

  JcaEcdh(EcCurves curve) {
    this.curve = curve;
    this.params = curve.jcaParameters();
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
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(params, random);
    KeyPair pair = generator.generateKeyPair();
    byte[] publicKey = curve.encodePoint(((ECPublicKey) pair.getPublic()).getW());
    return new Pair(KeyFactory.getInstance("EC"), pair.getPrivate(), publicKey);
  }

  @Override
  public DhKeyPair fromPrivateKey(byte[] privateKey) throws GeneralSecurityException {
    BigInteger d = curve.decodePrivate(privateKey);
    KeyFactory factory = KeyFactory.getInstance("EC");
    return new Pair(factory, factory.generatePrivate(new ECPrivateKeySpec(d, params)), null);
  }

  @Override
  public void validatePublicKey(byte[] publicKey) throws InvalidKeyException {
    curve.decodePoint(publicKey);
  }

  /**
   * {@code d * G} with the JDK alone, which has no public scalar multiplication: ECDH of the key with
   * the base point gives x; y is a square root of {@code x^3 + ax + b} (both primes are 3 mod 4, so
   * one root is {@code r^((p+1)/4)}); of y and p - y, the public key is the one under which a
   * signature made with the key verifies. Only x, y and the signature are worked on in
   * {@link BigInteger}; the secret scalar stays inside SunEC's own multiplication.
   */
  private byte[] publicFromPrivate(KeyFactory factory, PrivateKey key)
      throws GeneralSecurityException {
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
    agreement.init(key);
    agreement.doPhase(factory.generatePublic(new ECPublicKeySpec(params.getGenerator(), params)),
        true);
    BigInteger x = new BigInteger(1, agreement.generateSecret());
    BigInteger p = curve.prime();
    BigInteger y = curve.curveRightSide(x).modPow(p.add(BigInteger.ONE).shiftRight(2), p);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(PROBE);
    byte[] signature = signer.sign();
    for (BigInteger candidate : new BigInteger[] {y, p.subtract(y)}) {
      ECPoint w = new ECPoint(x, candidate);
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(factory.generatePublic(new ECPublicKeySpec(w, params)));
      verifier.update(PROBE);
      if (verifier.verify(signature)) {
        return curve.encodePoint(w);
      }
    }
    throw new InvalidKeyException(curve.noiseName() + ": cannot derive the public key");
  }

  /**
   * The key factory and key agreement are kept (no provider lookup per call) and guarded by the
   * pair's lock, because a static key serves concurrent handshakes. A pair rebuilt from a private
   * key derives its public key on first use ({@link #publicFromPrivate} costs an agreement, a
   * signature and a verification), so agreeing alone never pays for it.
   */
  private final class Pair implements DhKeyPair {
    private final KeyFactory factory;
    private byte[] publicKey;
    private PrivateKey key;
    private KeyAgreement agreement;

    Pair(KeyFactory factory, PrivateKey key, byte[] publicKey) {
      this.factory = factory;
      this.key = key;
      this.publicKey = publicKey;
    }

    @Override
    public DhFunction function() {
      return JcaEcdh.this;
    }

    /** The public key; for a pair rebuilt from a private key, derived now if not yet known. */
    @Override
    public synchronized byte[] publicKey() {
      if (publicKey == null) {
        if (key == null) {
          throw new IllegalStateException("key pair destroyed before its public key was derived");
        }
        try {
          publicKey = publicFromPrivate(factory, key);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(curve.noiseName() + ": cannot derive the public key", e);
        }
      }
      return publicKey.clone();
    }

    @Override
    public synchronized byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
      if (key == null) {
        throw new IllegalStateException("key pair destroyed");
      }
      PublicKey peer = factory.generatePublic(
          new ECPublicKeySpec(curve.decodePoint(peerPublicKey), params));
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

    /**
     * Drops the private key and the agreement that holds it. Best effort: SunEC keeps the scalar in
     * key objects that cannot be destroyed, so the copies live until the collector reclaims them;
     * after this call the pair refuses to agree and holds no reference to them.
     */
    @Override
    public synchronized void destroy() {
      key = null;
      agreement = null;
    }

    @Override
    public synchronized boolean isDestroyed() {
      return key == null;
    }

    @Override
    public String toString() {
      return curve.noiseName() + " key pair";
    }
  }
}
