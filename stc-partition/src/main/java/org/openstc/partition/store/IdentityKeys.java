package org.openstc.partition.store;

import com.google.crypto.tink.Aead;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import org.openstc.command.CkResult;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.internal.EcCurves;
import org.openstc.crypto.SecretBytes;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.StaticKeyAgreement;

/**
 * A partition's identity key pair: generated here as a private scalar (so it can be stored), kept
 * encrypted under the partition key with the serial as associated data, and rebuilt on demand.
 */
final class IdentityKeys {
  private IdentityKeys() {}

  /** A fresh private key of {@code type}: 32 random bytes for x25519, a scalar in [1, n) for EC. */
  static byte[] generatePrivate(KeyType type, SecureRandom random) {
    int length = type.dh(CryptoProviders.tuned()).privateKeyLength();
    if (type == KeyType.X25519) {
      byte[] key = new byte[length];
      random.nextBytes(key);
      return key;
    }
    BigInteger n = curve(type).order();
    byte[] scalar = new byte[length];
    while (true) {
      random.nextBytes(scalar);
      scalar[0] &= (byte) (0xff >>> (length * 8 - n.bitLength()));
      BigInteger d = new BigInteger(1, scalar);
      if (d.signum() > 0 && d.compareTo(n) < 0) {
        return scalar;
      }
    }
  }

  static byte[] publicKey(KeyType type, byte[] privateKey) throws StoreException {
    StaticKeyAgreement key = load(type, privateKey);
    try {
      return key.publicKey();
    } finally {
      key.destroy();
    }
  }

  static byte[] encrypt(Aead partitionKey, long serial, byte[] privateKey) throws StoreException {
    try {
      return partitionKey.encrypt(privateKey, ad(serial));
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot encrypt the identity key", e);
    }
  }

  /** Decrypts and rebuilds the key pair; the caller owns (and destroys) the result. */
  static StaticKeyAgreement decrypt(Aead partitionKey, long serial, KeyType type, byte[] encrypted)
      throws StoreException {
    byte[] scalar = null;
    try {
      scalar = partitionKey.decrypt(encrypted, ad(serial));
      return load(type, scalar);
    } catch (GeneralSecurityException e) {
      throw StoreException.corrupt("identity key of partition " + serial, e);
    } finally {
      SecretBytes.wipe(scalar);
    }
  }

  private static StaticKeyAgreement load(KeyType type, byte[] privateKey) throws StoreException {
    try {
      return InMemoryStaticKey.fromPrivateKey(type, privateKey, CryptoProviders.tuned());
    } catch (InvalidKeyException e) {
      throw StoreException.corrupt("identity key", e);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot load the identity key", e);
    }
  }

  private static EcCurves curve(KeyType type) {
    return type == KeyType.P256 ? EcCurves.P256 : EcCurves.P521;
  }

  private static byte[] ad(long serial) {
    return Bytes.key(serial, Bytes.utf8("openstc partition identity"));
  }
}
