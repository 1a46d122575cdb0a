package org.openstc.partition.store;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.signature.EcdsaPrivateKey;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.util.SecretBytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openstc.crypto.internal.EcCurves;
import org.openstc.crypto.internal.EcdsaSignatures;

/**
 * The key material of a Tink keyset used directly through the JCA, for the commands that need
 * the plain algorithms (raw AES-GCM with the caller's IV, ECDSA over a caller's digest) and for
 * OBJECT_INFO's key id and SubjectPublicKeyInfo. The JCA keys are built once per loaded object;
 * the intermediate byte copies are wiped.
 */
final class RawKeys {
  /** X.509 SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410), before the 32 key bytes. */
  private static final byte[] ED25519_SPKI = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private final Key key;
  private final long keyId;
  private volatile SecretKeySpec aes;
  private volatile PrivateKey ecdsa;

  RawKeys(KeysetHandle handle) {
    this.key = handle.getPrimary().getKey();
    this.keyId = handle.getPrimary().getId() & 0xffffffffL;
  }

  /** A keyset holding one AES-256-GCM key (Tink prefix) made of the caller's 32 bytes. */
  static KeysetHandle importAes(byte[] keyBytes) throws GeneralSecurityException {
    AesGcmParameters params = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12)
        .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.TINK).build();
    int id = new SecureRandom().nextInt();
    AesGcmKey k = AesGcmKey.builder().setParameters(params).setIdRequirement(id)
        .setKeyBytes(SecretBytes.copyFrom(keyBytes, InsecureSecretKeyAccess.get())).build();
    return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(k).withFixedId(id).makePrimary()).build();
  }

  long keyId() {
    return keyId;
  }

  /** The SubjectPublicKeyInfo DER of an EC or Ed25519 key; empty for AES. */
  byte[] publicKeySpki() throws GeneralSecurityException {
    if (key instanceof EcdsaPrivateKey ec) {
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
          ec.getPublicKey().getPublicPoint(), EcCurves.P256.jcaParameters())).getEncoded();
    }
    if (key instanceof Ed25519PrivateKey ed) {
      byte[] point = ed.getPublicKey().getPublicKeyBytes().toByteArray();
      byte[] out = Arrays.copyOf(ED25519_SPKI, ED25519_SPKI.length + point.length);
      System.arraycopy(point, 0, out, ED25519_SPKI.length, point.length);
      return out;
    }
    return new byte[0];
  }

  /** AES-GCM (NIST SP 800-38D) with the caller's IV and tag length: ciphertext || tag, or the plaintext. */
  byte[] gcm(int mode, byte[] iv, byte[] data, byte[] aad, int tagBytes) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, aesKey(), new GCMParameterSpec(tagBytes * 8, iv));
    c.updateAAD(aad);
    return c.doFinal(data);
  }

  /** ECDSA P-256 over {@code digest} as given (no hashing): raw r || s, 64 bytes. */
  byte[] signDigest(byte[] digest) throws GeneralSecurityException {
    Signature s = Signature.getInstance("NONEwithECDSA");
    s.initSign(ecdsaKey());
    s.update(digest);
    return EcdsaSignatures.derToRaw(s.sign(), EcCurves.P256.fieldLength());
  }

  private SecretKeySpec aesKey() {
    SecretKeySpec k = aes;
    if (k == null) {
      byte[] bytes = ((AesGcmKey) key).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
      try {
        k = new SecretKeySpec(bytes, "AES");
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
      aes = k;
    }
    return k;
  }

  private PrivateKey ecdsaKey() throws GeneralSecurityException {
    PrivateKey k = ecdsa;
    if (k == null) {
      BigInteger d = ((EcdsaPrivateKey) key).getPrivateValue().getBigInteger(InsecureSecretKeyAccess.get());
      k = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, EcCurves.P256.jcaParameters()));
      ecdsa = k;
    }
    return k;
  }
}
