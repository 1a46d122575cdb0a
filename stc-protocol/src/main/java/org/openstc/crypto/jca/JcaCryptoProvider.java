package org.openstc.crypto.jca;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;
import org.openstc.crypto.CipherFunction;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.internal.EcCurves;
import org.openstc.crypto.HashFunction;

/** The primitives on the JDK's own providers (SunEC, SunJCE, SUN); the hot path takes some. */
public final class JcaCryptoProvider implements CryptoProvider {
  public static final JcaCryptoProvider INSTANCE = new JcaCryptoProvider();

  private static final Set<String> SUPPORTED =
      Set.of("25519", "448", "P256", "P521", "AESGCM", "ChaChaPoly", "SHA256", "SHA512");

  private final SecureRandom random = new SecureRandom();
  private final DhFunction x25519 = new JcaXdh(JcaXdh.Curve.X25519);
  private final DhFunction x448 = new JcaXdh(JcaXdh.Curve.X448);
  private final DhFunction p256 = new JcaEcdh(EcCurves.P256);
  private final DhFunction p521 = new JcaEcdh(EcCurves.P521);
  private final HashFunction sha256 = new JcaHash("SHA256", "SHA-256", "HmacSHA256", 32, 64);
  private final HashFunction sha512 = new JcaHash("SHA512", "SHA-512", "HmacSHA512", 64, 128);
  private final CipherFunction aesGcm = new JcaCipher(JcaCipher.Kind.AESGCM);
  private final CipherFunction chaChaPoly = new JcaCipher(JcaCipher.Kind.CHACHAPOLY);

  private JcaCryptoProvider() {}

  @Override
  public String name() {
    return "JCA";
  }

  @Override
  public DhFunction dh(String noiseName) throws NoSuchAlgorithmException {
    switch (noiseName) {
      case "25519": return x25519;
      case "448": return x448;
      case "P256": return p256;
      case "P521": return p521;
      default: throw new NoSuchAlgorithmException("unsupported DH function: " + noiseName);
    }
  }

  @Override
  public CipherFunction cipher(String noiseName) throws NoSuchAlgorithmException {
    switch (noiseName) {
      case "AESGCM": return aesGcm;
      case "ChaChaPoly": return chaChaPoly;
      default: throw new NoSuchAlgorithmException("unsupported cipher: " + noiseName);
    }
  }

  @Override
  public HashFunction hash(String noiseName) throws NoSuchAlgorithmException {
    switch (noiseName) {
      case "SHA256": return sha256;
      case "SHA512": return sha512;
      default: throw new NoSuchAlgorithmException("unsupported hash: " + noiseName);
    }
  }

  @Override
  public Set<String> supported() {
    return SUPPORTED;
  }

  @Override
  public SecureRandom random() {
    return random;
  }

  @Override
  public String toString() {
    return name();
  }
}
