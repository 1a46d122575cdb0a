package org.openstc.crypto.internal;

/**
 * The 96-bit cipher nonces Noise derives from its 64-bit counter (Noise section 12.3, 12.4).
 *
 * <p>Internal: not API; may change without notice.
 */
public final class NoiseNonces {
  private NoiseNonces() {}

  /** AESGCM: 32 bits of zeros followed by the big-endian counter. */
  public static void aesGcm(long n, byte[] iv) {
    iv[0] = iv[1] = iv[2] = iv[3] = 0;
    for (int i = 0; i < 8; i++) {
      iv[4 + i] = (byte) (n >>> (56 - 8 * i));
    }
  }

  /** ChaChaPoly: 32 bits of zeros followed by the little-endian counter. */
  public static void chaChaPoly(long n, byte[] iv) {
    iv[0] = iv[1] = iv[2] = iv[3] = 0;
    for (int i = 0; i < 8; i++) {
      iv[4 + i] = (byte) (n >>> (8 * i));
    }
  }
}
