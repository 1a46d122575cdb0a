package org.openstc.partition.store;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Shamir's secret sharing over GF(256) with the AES polynomial x^8 + x^4 + x^3 + x + 1 (the field
 * of {@code com.codahale:shamir}): each secret byte is the constant term of its own random
 * polynomial of degree {@code m - 1}; share {@code x} (1..255) holds that polynomial's value at
 * {@code x} for every byte. Any {@code m} shares give the secret back by Lagrange interpolation at
 * 0; fewer give no information about it.
 */
final class Shamir {
  private static final int[] EXP = new int[510];
  private static final int[] LOG = new int[256];

  static {
    int x = 1;
    for (int i = 0; i < 255; i++) {
      EXP[i] = x;
      LOG[x] = i;
      x ^= x << 1; // times 3, the generator
      if ((x & 0x100) != 0) {
        x ^= 0x11b;
      }
    }
    for (int i = 255; i < EXP.length; i++) {
      EXP[i] = EXP[i - 255];
    }
  }

  private Shamir() {}

  static int mul(int a, int b) {
    return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]];
  }

  static int div(int a, int b) {
    if (b == 0) {
      throw new ArithmeticException("division by zero in GF(256)");
    }
    return a == 0 ? 0 : EXP[LOG[a] + 255 - LOG[b]];
  }

  /** Shares 1..n of {@code secret}, any {@code m} of which recover it; index i holds share i + 1. */
  static byte[][] split(byte[] secret, int m, int n, SecureRandom random) {
    if (m < 2 || m > n || n > 255) {
      throw new IllegalArgumentException("M of N needs 2 <= M <= N <= 255, not " + m + "/" + n);
    }
    byte[][] shares = new byte[n][secret.length];
    byte[] coefficients = new byte[m];
    try {
      for (int i = 0; i < secret.length; i++) {
        random.nextBytes(coefficients);
        coefficients[0] = secret[i];
        for (int x = 1; x <= n; x++) {
          shares[x - 1][i] = (byte) eval(coefficients, x);
        }
      }
      return shares;
    } finally {
      Arrays.fill(coefficients, (byte) 0);
    }
  }

  /** The secret from shares keyed by their x (1..255); all the same length, at least two. */
  static byte[] combine(Map<Integer, byte[]> shares) {
    if (shares.size() < 2) {
      throw new IllegalArgumentException("at least two shares are needed");
    }
    int[] xs = shares.keySet().stream().mapToInt(Integer::intValue).toArray();
    Set<Integer> lengths = new HashSet<>();
    for (int x : xs) {
      if (x < 1 || x > 255) {
        throw new IllegalArgumentException("share index " + x + " is not 1..255");
      }
      lengths.add(shares.get(x).length);
    }
    if (lengths.size() != 1) {
      throw new IllegalArgumentException("the shares differ in length");
    }
    byte[] secret = new byte[lengths.iterator().next()];
    for (int j = 0; j < xs.length; j++) {
      int basis = 1; // Lagrange basis polynomial j at 0: product of x_k / (x_k - x_j)
      for (int k = 0; k < xs.length; k++) {
        if (k != j) {
          basis = mul(basis, div(xs[k], xs[k] ^ xs[j]));
        }
      }
      byte[] y = shares.get(xs[j]);
      for (int i = 0; i < secret.length; i++) {
        secret[i] ^= (byte) mul(basis, y[i] & 0xff);
      }
    }
    return secret;
  }

  private static int eval(byte[] coefficients, int x) {
    int y = 0;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      y = mul(y, x) ^ (coefficients[i] & 0xff);
    }
    return y;
  }
}
