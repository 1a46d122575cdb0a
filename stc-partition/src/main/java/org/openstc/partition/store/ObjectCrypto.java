package org.openstc.partition.store;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import java.security.GeneralSecurityException;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies.ObjectType;

/**
 * A key object loaded for use: AES-256-GCM (Tink AEAD), ECDSA P-256 or Ed25519 (Tink signatures).
 * Tink primitives are thread-safe, so one loaded object serves every session. Only {@link
 * KeyObjects} makes them; an operation the key's type does not permit is CKR_KEY_FUNCTION_NOT_PERMITTED.
 */
public final class ObjectCrypto {
  private final ObjectType type;
  private final KeysetHandle handle;
  private final Aead aead;
  private final PublicKeySign signer;
  private final PublicKeyVerify verifier;
  private final RawKeys raw;

  private ObjectCrypto(ObjectType type, KeysetHandle handle) throws GeneralSecurityException {
    this.type = type;
    this.handle = handle;
    boolean symmetric = type == ObjectType.AES256;
    this.aead = symmetric ? handle.getPrimitive(RegistryConfiguration.get(), Aead.class) : null;
    this.signer = symmetric ? null : handle.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
    this.verifier = symmetric ? null
        : handle.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
    this.raw = new RawKeys(handle);
  }

  /** The object's type: AES256, EC_P256 or ED25519. */
  public ObjectType type() {
    return type;
  }

  static KeysetHandle generate(ObjectType type) throws GeneralSecurityException {
    return KeysetHandle.generateNew(parameters(type));
  }

  static ObjectCrypto load(ObjectType type, byte[] encrypted, Aead partitionKey, byte[] ad)
      throws StoreException {
    try {
      return new ObjectCrypto(type, TinkProtoKeysetFormat.parseEncryptedKeyset(encrypted, partitionKey, ad));
    } catch (GeneralSecurityException e) {
      throw StoreException.corrupt("key object", e);
    }
  }

  private static Parameters parameters(ObjectType type) {
    switch (type) {
      case AES256:
        return PredefinedAeadParameters.AES256_GCM;
      case EC_P256:
        return PredefinedSignatureParameters.ECDSA_P256;
      default:
        return PredefinedSignatureParameters.ED25519;
    }
  }

  public byte[] encrypt(byte[] plaintext, byte[] aad) throws StoreException {
    try {
      return symmetric("encrypt").encrypt(plaintext, aad);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "encryption failed", e);
    }
  }

  public byte[] decrypt(byte[] ciphertext, byte[] aad) throws StoreException {
    try {
      return symmetric("decrypt").decrypt(ciphertext, aad);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_ENCRYPTED_DATA_INVALID, "ciphertext or associated data is not authentic");
    }
  }

  public byte[] sign(byte[] data) throws StoreException {
    try {
      return asymmetric("sign").sign(data);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "signing failed", e);
    }
  }

  public void verify(byte[] data, byte[] signature) throws StoreException {
    asymmetric("verify");
    try {
      verifier.verify(signature, data);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_SIGNATURE_INVALID, "the signature does not verify");
    }
  }

  /** The public key as a Tink keyset without secrets (binary). */
  public byte[] publicKeyset() throws StoreException {
    asymmetric("export a public key of");
    try {
      return TinkProtoKeysetFormat.serializeKeysetWithoutSecret(handle.getPublicKeysetHandle());
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot export the public key", e);
    }
  }

  /** The primary key's Tink id (the SIGN prefix's key id). */
  long keyId() {
    return raw.keyId();
  }

  /** The public key as X.509 SubjectPublicKeyInfo DER; empty for AES. */
  byte[] publicKeySpki() throws StoreException {
    try {
      return raw.publicKeySpki();
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot encode the public key", e);
    }
  }

  /** Raw AES-GCM encryption: ciphertext || tag. */
  public byte[] encryptGcm(byte[] iv, byte[] plaintext, byte[] aad, int tagBytes) throws StoreException {
    symmetric("encrypt");
    try {
      return raw.gcm(javax.crypto.Cipher.ENCRYPT_MODE, iv, plaintext, aad, tagBytes);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "encryption failed", e);
    }
  }

  /** Raw AES-GCM decryption of ciphertext || tag; a wrong tag is CKR_ENCRYPTED_DATA_INVALID. */
  public byte[] decryptGcm(byte[] iv, byte[] ciphertextAndTag, byte[] aad, int tagBytes) throws StoreException {
    symmetric("decrypt");
    if (ciphertextAndTag.length < tagBytes) { // the JDK answers a ProviderException, not a bad tag
      throw new StoreException(CkResult.CKR_ENCRYPTED_DATA_INVALID, "the ciphertext of "
          + ciphertextAndTag.length + " bytes is shorter than its " + tagBytes + "-byte tag");
    }
    try {
      return raw.gcm(javax.crypto.Cipher.DECRYPT_MODE, iv, ciphertextAndTag, aad, tagBytes);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_ENCRYPTED_DATA_INVALID,
          "ciphertext, tag or associated data is not authentic");
    }
  }

  /** ECDSA P-256 over a digest, raw r || s; an Ed25519 key is CKR_KEY_TYPE_INCONSISTENT. */
  public byte[] signDigest(byte[] digest) throws StoreException {
    asymmetric("sign a digest with");
    if (type != ObjectType.EC_P256) {
      throw new StoreException(CkResult.CKR_KEY_TYPE_INCONSISTENT,
          "SIGN_DIGEST needs an ecp256 key; this is a " + type.label() + " key (use SIGN)");
    }
    try {
      return raw.signDigest(digest);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "signing failed", e);
    }
  }

  private Aead symmetric(String op) throws StoreException {
    if (aead == null) {
      throw notPermitted(op);
    }
    return aead;
  }

  private PublicKeySign asymmetric(String op) throws StoreException {
    if (signer == null) {
      throw notPermitted(op);
    }
    return signer;
  }

  private StoreException notPermitted(String op) {
    return new StoreException(CkResult.CKR_KEY_FUNCTION_NOT_PERMITTED,
        "cannot " + op + " with a " + type.label() + " key");
  }
}
