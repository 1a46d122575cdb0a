package org.openstc.crypto.bc;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Set;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.openstc.crypto.CipherFunction;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.DhFunction;
import org.openstc.crypto.internal.EcCurves;
import org.openstc.crypto.HashFunction;

/**
 * The primitives on Bouncy Castle's lightweight API (no JCA provider is registered or used). It
 * exists so that every test can run as a JCA x BC matrix, and for what the JDK lacks (BLAKE2).
 * Keys are encoded exactly as in the JCA provider, so a key made by one is usable in the other.
 */
public final class BcCryptoProvider implements CryptoProvider {
  public static final BcCryptoProvider INSTANCE = new BcCryptoProvider();

  private static final Set<String> SUPPORTED = Set.of("25519", "448", "P256", "P521", "AESGCM",
      "ChaChaPoly", "SHA256", "SHA512", "BLAKE2s", "BLAKE2b");

  private final SecureRandom random = new SecureRandom();
  private final DhFunction x25519 = new BcXdh(BcXdh.Curve.X25519);
  private final DhFunction x448 = new BcXdh(BcXdh.Curve.X448);
  private final DhFunction p256 = new BcEcdh(EcCurves.P256);
  private final DhFunction p521 = new BcEcdh(EcCurves.P521);
  private final HashFunction sha256 = new BcHash("SHA256", SHA256Digest::new);
  private final HashFunction sha512 = new BcHash("SHA512", SHA512Digest::new);
  private final HashFunction blake2s = new BcHash("BLAKE2s", Blake2sDigest::new);
  private final HashFunction blake2b = new BcHash("BLAKE2b", Blake2bDigest::new);
  private final CipherFunction aesGcm = new BcCipher(BcCipher.Kind.AESGCM);
  private final CipherFunction chaChaPoly = new BcCipher(BcCipher.Kind.CHACHAPOLY);

  private BcCryptoProvider() {}

  @Override
  public String name() {
    return "BC";
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
      case "BLAKE2s": return blake2s;
      case "BLAKE2b": return blake2b;
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
