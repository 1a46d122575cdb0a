package org.openstc.token;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.openstc.crypto.SecretBytes;

/**
 * Two-level key wrapping. The private key is encrypted with a Tink AEAD keyset (AES-256-GCM, the
 * data key); the keyset is stored encrypted with the key encryption key (KEK), which comes either
 * from Argon2id over the passphrase or from the owner-only file {@code token/kek}.
 */
final class KeyProtection {
  private static final byte[] KEYSET_AD = "openstc-token-keyset-v1".getBytes(StandardCharsets.US_ASCII);

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private KeyProtection() {}

  /** An AES-256-GCM AEAD over the raw KEK; the KEK array is wiped. */
  static Aead kekAead(byte[] kek) throws GeneralSecurityException {
    try {
      return new AesGcmJce(kek);
    } finally {
      SecretBytes.wipe(kek);
    }
  }

  /** A fresh data keyset, returned encrypted under {@code kek}, bound to the token serial. */
  static byte[] newEncryptedKeyset(Aead kek, String tokenSerial) throws GeneralSecurityException {
    KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, kek, ad(tokenSerial));
  }

  /** Decrypts the data keyset; a wrong KEK fails with {@link GeneralSecurityException}. */
  static Aead openKeyset(byte[] encrypted, Aead kek, String tokenSerial)
      throws GeneralSecurityException {
    KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(encrypted, kek, ad(tokenSerial));
    return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  private static byte[] ad(String tokenSerial) {
    byte[] serial = tokenSerial.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[KEYSET_AD.length + 1 + serial.length];
    System.arraycopy(KEYSET_AD, 0, out, 0, KEYSET_AD.length);
    System.arraycopy(serial, 0, out, KEYSET_AD.length + 1, serial.length);
    return out;
  }
}
