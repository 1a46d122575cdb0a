package org.openstc.partition.store;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM under a cloning-domain key: 12-byte random nonce || ciphertext || 16-byte tag. */
final class DomainAead implements Aead {
  private static final int NONCE = 12;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final SecretKeySpec key;

  DomainAead(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] ad) throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    c.updateAAD(ad);
    byte[] sealed = c.doFinal(plaintext);
    byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
    System.arraycopy(sealed, 0, out, NONCE, sealed.length);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] ad) throws GeneralSecurityException {
    if (ciphertext.length < NONCE + 16) {
      throw new GeneralSecurityException("wrapped object too short");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ciphertext, 0, NONCE));
    c.updateAAD(ad);
    return c.doFinal(ciphertext, NONCE, ciphertext.length - NONCE);
  }
}
