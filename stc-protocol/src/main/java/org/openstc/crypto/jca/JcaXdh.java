package org.openstc.crypto.jca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.DhKeyPair;
import org.openstc.crypto.SecretBytes;

/** X25519 and X448 (RFC 7748) on SunEC's XDH. */
final class JcaXdh implements DhFunction {
  enum Curve {
    X25519("25519", NamedParameterSpec.X25519, 32, 9),
    X448("448", NamedParameterSpec.X448, 56, 5);

    final String noiseName;
    final NamedParameterSpec spec;
    final int length;
    final int baseU;

    Curve(String noiseName, NamedParameterSpec spec, int length, int baseU) {
      this.noiseName = noiseName;
      this.spec = spec;
      this.length = length;
      this.baseU = baseU;
    }
  }

  private final Curve curve;
  private final byte[] basePoint;

  JcaXdh(Curve curve) {
    this.curve = curve;
    this.basePoint = new byte[curve.length];
    basePoint[0] = (byte) curve.baseU;
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
      throw new InvalidKeyException(curve.noiseName + " private key must be " + curve.length + " bytes");
    }
    KeyFactory factory = KeyFactory.getInstance("XDH");
    byte[] scalar = privateKey.clone();
    try {
      return new Pair(factory, factory.generatePrivate(new XECPrivateKeySpec(curve.spec, scalar)));
    } finally {
      SecretBytes.wipe(scalar);
    }
  }

  @Override
  public void validatePublicKey(byte[] publicKey) throws InvalidKeyException {
    if (publicKey == null || publicKey.length != curve.length) {
      throw new InvalidKeyException(curve.noiseName + " public key must be " + curve.length + " bytes");
    }
  }

  /** RFC 7748 section 5: little-endian u-coordinate; for X25519 the top bit is masked. */
  private PublicKey decode(byte[] publicKey, KeyFactory factory) throws GeneralSecurityException {
    validatePublicKey(publicKey);
    byte[] be = new byte[curve.length];
    for (int i = 0; i < curve.length; i++) {
      be[i] = publicKey[curve.length - 1 - i];
    }
    if (curve == Curve.X25519) {
      be[0] &= 0x7f;
    }
    return factory.generatePublic(new XECPublicKeySpec(curve.spec, new BigInteger(1, be)));
  }

  /**
   * The key factory and key agreement are kept (no provider lookup per call) and guarded by the
   * pair's lock, because a static key serves concurrent handshakes.
   */
  private final class Pair implements DhKeyPair {
    private final KeyFactory factory;
    private final byte[] publicKey;
    private PrivateKey key;
    private KeyAgreement agreement;

    Pair(KeyFactory factory, PrivateKey key) throws GeneralSecurityException {
      this.factory = factory;
      this.key = key;
      this.publicKey = agreeRaw(basePoint);
    }

    @Override
    public DhFunction function() {
      return JcaXdh.this;
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] agree(byte[] peerPublicKey) throws GeneralSecurityException {
      return agreeRaw(peerPublicKey);
    }

    synchronized byte[] agreeRaw(byte[] peerPublicKey) throws GeneralSecurityException {
      if (key == null) {
        throw new IllegalStateException("key pair destroyed");
      }
      PublicKey peer = decode(peerPublicKey, factory);
      if (agreement == null) {
        agreement = KeyAgreement.getInstance("XDH");
        agreement.init(key);
      }
      byte[] secret;
      try {
        agreement.doPhase(peer, true);
        secret = agreement.generateSecret();
      } catch (GeneralSecurityException | RuntimeException e) {
        agreement = null;
        throw new InvalidKeyException(curve.noiseName + " agreement failed (low-order point?)");
      }
      int acc = 0;
      for (byte b : secret) {
        acc |= b;
      }
      if (acc == 0) {
        throw new InvalidKeyException(curve.noiseName + " shared secret is all zero");
      }
      return secret;
    }

    /**
     * Drops the private key and the agreement that holds it. Best effort: SunEC keeps the scalar in
     * key objects that cannot be destroyed, so those copies live until the collector reclaims them;
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
      return curve.noiseName + " key pair";
    }
  }
}
