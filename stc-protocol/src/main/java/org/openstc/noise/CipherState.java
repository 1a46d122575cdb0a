package org.openstc.noise;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.security.auth.Destroyable;
import org.openstc.crypto.Aead;
import org.openstc.crypto.CipherFunction;
import org.openstc.crypto.SecretBytes;

/**
 * Noise CipherState (section 5.1): a key {@code k} (possibly empty) and a 64-bit nonce {@code n},
 * plus the explicit-nonce operations the STC record layer uses for out-of-order records. There is
 * no way to set {@code n} (Noise's SetNonce): the implicit nonce only moves forward, so it is never
 * reused under one key.
 *
 * <p>The nonce is unsigned; the value 2^64-1 ({@code -1L}) is reserved for {@link #rekey()} and is
 * never used to encrypt a message. Not thread-safe.
 */
public final class CipherState implements Destroyable {
  /** Noise's reserved nonce 2^64-1, used only by REKEY. */
  static final long REKEY_NONCE = -1L;
  private static final byte[] EMPTY = new byte[0];

  private final CipherFunction function;
  private Aead aead;
  private long n;
  private boolean destroyed;

  public CipherState(CipherFunction function) {
    this.function = function;
  }

  public CipherFunction function() {
    return function;
  }

  /** Sets the key (32 bytes, copied) and resets the nonce to zero. */
  public void initializeKey(byte[] newKey) throws GeneralSecurityException {
    Aead next = function.newAead(newKey);
    clearKey();
    aead = next;
    n = 0;
  }

  public boolean hasKey() {
    return aead != null;
  }

  public long nonce() {
    return n;
  }

  /** ENCRYPT with the implicit nonce, which then advances; without a key returns the plaintext. */
  public byte[] encryptWithAd(byte[] ad, byte[] plaintext) throws GeneralSecurityException {
    checkAlive();
    if (aead == null) {
      return plaintext.clone();
    }
    checkNonce(n);
    byte[] out = aead.seal(n, ad, plaintext);
    n++;
    return out;
  }

  /** DECRYPT with the implicit nonce, which advances only if the tag verifies. */
  public byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws GeneralSecurityException {
    checkAlive();
    if (aead == null) {
      return ciphertext.clone();
    }
    checkNonce(n);
    byte[] out = open(n, ad, ciphertext);
    n++;
    return out;
  }

  /**
   * Encrypts with an explicit nonce (the record layer's sequence number); the implicit nonce is not
   * touched. The caller guarantees that each nonce is used once per key.
   */
  public int encryptWithNonce(long nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff,
      int len, byte[] out, int outOff) throws GeneralSecurityException {
    checkKeyed();
    checkNonce(nonce);
    return aead.seal(nonce, ad, adOff, adLen, in, inOff, len, out, outOff);
  }

  /** Decrypts with an explicit nonce; throws {@link AEADBadTagException} if the tag fails. */
  public int decryptWithNonce(long nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff,
      int len, byte[] out, int outOff) throws GeneralSecurityException {
    checkKeyed();
    checkNonce(nonce);
    return aead.open(nonce, ad, adOff, adLen, in, inOff, len, out, outOff);
  }

  /**
   * REKEY (section 4.2 and 11.3): {@code k = first 32 bytes of ENCRYPT(k, 2^64-1, empty, zeros)}.
   * The nonce is unchanged.
   */
  public void rekey() throws GeneralSecurityException {
    byte[] next = nextKey();
    try {
      Aead replacement = function.newAead(next);
      clearKey();
      aead = replacement;
    } finally {
      SecretBytes.wipe(next);
    }
  }

  /** A new CipherState holding the key REKEY would produce; this one is unchanged. */
  public CipherState rekeyedCopy() throws GeneralSecurityException {
    byte[] next = nextKey();
    try {
      CipherState copy = new CipherState(function);
      copy.initializeKey(next);
      copy.n = n;
      return copy;
    } finally {
      SecretBytes.wipe(next);
    }
  }

  private byte[] nextKey() throws GeneralSecurityException {
    checkKeyed();
    byte[] zeros = new byte[Aead.KEY_LENGTH];
    byte[] out = aead.seal(REKEY_NONCE, EMPTY, zeros);
    byte[] next = Arrays.copyOf(out, Aead.KEY_LENGTH);
    SecretBytes.wipe(out);
    return next;
  }

  private byte[] open(long nonce, byte[] ad, byte[] ciphertext) throws GeneralSecurityException {
    try {
      return aead.open(nonce, ad, ciphertext);
    } catch (AEADBadTagException e) {
      throw new NoiseException(NoiseException.Reason.DECRYPT_FAILED, "decryption failed");
    }
  }

  private static void checkNonce(long nonce) throws NoiseException {
    if (nonce == REKEY_NONCE) {
      throw new NoiseException(NoiseException.Reason.NONCE_EXHAUSTED, "nonce space exhausted");
    }
  }

  private void checkKeyed() {
    checkAlive();
    if (aead == null) {
      throw new IllegalStateException("cipher state has no key");
    }
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("cipher state destroyed");
    }
  }

  private void clearKey() {
    if (aead != null) {
      aead.destroy();
      aead = null;
    }
  }

  @Override
  public void destroy() {
    clearKey();
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }
}
