package org.openstc.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.security.auth.Destroyable;

/**
 * An AEAD cipher bound to one 256-bit key, with an explicit 64-bit nonce.
 *
 * <p>Security contract (Noise section 4.2): the caller guarantees that a nonce is never used twice
 * with the same key for {@link #seal}; the 96-bit cipher nonce is derived from the 64-bit counter as
 * Noise specifies for the cipher (AESGCM: 32 zero bits then the counter big-endian; ChaChaPoly: 32
 * zero bits then the counter little-endian). {@link #open} returns plaintext only if the tag
 * verifies over the ciphertext and the associated data; otherwise it throws
 * {@link AEADBadTagException} and leaves no plaintext in {@code out} (implementations that release
 * plaintext before the tag is checked overwrite it with zeros). {@link #open} may be called again
 * with the same nonce, after a failure or not (Noise section 5.1 does not advance the nonce on a
 * failure); refusing replays is the record layer's job. The tag is always {@link #TAG_LENGTH}
 * bytes.
 *
 * <p>Instances are not thread-safe: one per direction.
 */
public interface Aead extends Destroyable {
  int KEY_LENGTH = 32;
  int TAG_LENGTH = 16;

  /**
   * Encrypts {@code in[inOff, inOff+len)} and writes ciphertext and tag ({@code len + 16} bytes) to
   * {@code out} at {@code outOff}. {@code out} may be {@code in} at the same offset.
   *
   * @return the number of bytes written
   */
  int seal(long nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int len, byte[] out,
      int outOff) throws GeneralSecurityException;

  /**
   * Verifies and decrypts {@code in[inOff, inOff+len)} (ciphertext followed by the tag) and writes
   * {@code len - 16} bytes of plaintext to {@code out} at {@code outOff}.
   *
   * @return the number of plaintext bytes written
   * @throws AEADBadTagException if the tag does not verify (or {@code len < 16})
   */
  int open(long nonce, byte[] ad, int adOff, int adLen, byte[] in, int inOff, int len, byte[] out,
      int outOff) throws GeneralSecurityException;

  /** Convenience form of {@link #seal} on whole arrays. */
  default byte[] seal(long nonce, byte[] ad, byte[] plaintext) throws GeneralSecurityException {
    byte[] out = new byte[plaintext.length + TAG_LENGTH];
    seal(nonce, ad, 0, ad.length, plaintext, 0, plaintext.length, out, 0);
    return out;
  }

  /** Convenience form of {@link #open} on whole arrays. */
  default byte[] open(long nonce, byte[] ad, byte[] ciphertext) throws GeneralSecurityException {
    if (ciphertext.length < TAG_LENGTH) {
      throw new AEADBadTagException("ciphertext shorter than the tag");
    }
    byte[] out = new byte[ciphertext.length - TAG_LENGTH];
    open(nonce, ad, 0, ad.length, ciphertext, 0, ciphertext.length, out, 0);
    return out;
  }

  @Override
  void destroy();
}
