package org.openstc.crypto;

/**
 * A hash function with HMAC and HKDF (RFC 2104, RFC 5869), as Noise section 4.3 uses it.
 *
 * <p>Security contract: the functions are deterministic and thread-safe; {@link #hkdf} with an
 * empty {@code info} equals Noise's {@code HKDF(chaining_key, input_key_material, n)} when
 * {@code length = n * hashLength()}. Outputs that are keys should be wrapped in {@link SecretBytes}
 * by the caller.
 */
public interface HashFunction {

  /** The Noise name: {@code SHA256} or {@code SHA512}. */
  String name();

  /** Output length in bytes ({@code HASHLEN}). */
  int hashLength();

  /** Internal block length in bytes ({@code BLOCKLEN}). */
  int blockLength();

  /** Hash of the concatenation of {@code parts}. */
  byte[] hash(byte[]... parts);

  /** HMAC with {@code key} over the concatenation of {@code parts}. */
  byte[] hmac(byte[] key, byte[]... parts);

  /** HKDF-Extract (RFC 5869 section 2.2); an empty salt means {@code hashLength()} zero bytes. */
  default byte[] hkdfExtract(byte[] salt, byte[] ikm) {
    return hmac(salt.length == 0 ? new byte[hashLength()] : salt, ikm);
  }

  /**
   * HKDF-Expand (RFC 5869 section 2.3).
   *
   * @throws IllegalArgumentException if {@code length > 255 * hashLength()}
   */
  default byte[] hkdfExpand(byte[] prk, byte[] info, int length) {
    int n = (length + hashLength() - 1) / hashLength();
    if (length < 0 || n > 255) {
      throw new IllegalArgumentException("HKDF output too long: " + length);
    }
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    for (int i = 1, pos = 0; i <= n; i++) {
      byte[] next = hmac(prk, t, info, new byte[] {(byte) i});
      SecretBytes.wipe(t);
      t = next;
      int take = Math.min(t.length, length - pos);
      System.arraycopy(t, 0, out, pos, take);
      pos += take;
    }
    SecretBytes.wipe(t);
    return out;
  }

  /** Full HKDF: extract then expand. */
  default byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
    byte[] prk = hkdfExtract(salt, ikm);
    try {
      return hkdfExpand(prk, info, length);
    } finally {
      SecretBytes.wipe(prk);
    }
  }
}
