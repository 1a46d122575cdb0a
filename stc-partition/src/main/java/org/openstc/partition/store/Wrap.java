package org.openstc.partition.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under a raw 32-byte key-encryption key, with a 12-byte random nonce and associated
 * data that names what the ciphertext is and whose (format, host serial, seal, share index).
 */
final class Wrap {
  static final int KEY_LENGTH = 32;
  static final int NONCE_LENGTH = 12;

  private Wrap() {}

  /** Thrown when the key or the associated data is wrong, or the ciphertext was changed. */
  static final class BadKey extends Exception {
    private static final long serialVersionUID = 1L;

    BadKey() {
      super("authentication failed");
    }
  }

  static byte[] nonce(SecureRandom random) {
    byte[] n = new byte[NONCE_LENGTH];
    random.nextBytes(n);
    return n;
  }

  static byte[] seal(byte[] kek, byte[] nonce, String ad, byte[] plain) {
    try {
      return cipher(Cipher.ENCRYPT_MODE, kek, nonce, ad).doFinal(plain);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available", e);
    }
  }

  static byte[] open(byte[] kek, byte[] nonce, String ad, byte[] sealed) throws BadKey {
    if (nonce.length != NONCE_LENGTH || sealed.length < 16) {
      throw new BadKey();
    }
    try {
      return cipher(Cipher.DECRYPT_MODE, kek, nonce, ad).doFinal(sealed);
    } catch (AEADBadTagException e) {
      throw new BadKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available", e);
    }
  }

  private static Cipher cipher(int mode, byte[] kek, byte[] nonce, String ad) throws GeneralSecurityException {
    if (kek.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a key-encryption key is 32 bytes");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    SecretKeySpec key = new SecretKeySpec(kek, "AES");
    c.init(mode, key, new GCMParameterSpec(128, nonce));
    c.updateAAD(ad.getBytes(StandardCharsets.UTF_8));
    return c;
  }

  static void wipe(byte[]... secrets) {
    for (byte[] s : secrets) {
      if (s != null) {
        Arrays.fill(s, (byte) 0);
      }
    }
  }
}
