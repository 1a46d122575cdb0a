package org.openstc.crypto.bc;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat;

/**
 * {@code k * P} for a variable point P on a prime-order curve, in a sequence of operations that
 * does not depend on k: the scalar is made odd ({@code n - k} when k is even, which gives -(kP), of
 * the same x-coordinate), written in base {@code 2^W} with every digit odd and non-zero, and each
 * digit's multiple of P is read from a table of {@code +-P, +-3P, ... +-(2^W - 1)P} through BC's
 * cache-safe (constant-time) lookup. Every window costs W doublings and one addition, whatever the
 * digit. Bouncy Castle's default multiplier for a variable point (wNAF) adds only at non-zero
 * digits, so its timing follows the scalar; this one is for agreements with a static key.
 *
 * <p>Digit i of an odd k: {@code c - 2^W + 2^W * b}, where c is bits {@code [Wi, Wi+W)} of k with
 * the lowest forced to 1 (for i = 0 it is 1 already) and b is bit {@code W(i+1)} of k; the last
 * digit is c alone. (From {@code k_i mod 2^(W+1) - 2^W}, whose remainder
 * {@code (k_i >> W) | 1} stays odd without a carry.)
 */
final class RegularMultiplier {
  private static final int W = 5;
  private static final int MASK = (1 << W) - 1;

  private RegularMultiplier() {}

  /**
   * Returns the x-coordinate of {@code k * p}, or null if the product is the point at infinity
   * (impossible for {@code 0 < k < n} and p of order n). {@code p} must be a validated point of
   * the prime-order group of order {@code n}.
   */
  static BigInteger x(ECPoint p, BigInteger k, BigInteger n) {
    int bits = n.bitLength();
    int windows = (bits + W - 1) / W;
    int len = (windows * W + 31) / 32 + 1;
    int[] scalar = Nat.fromBigInteger(len * 32, k);
    int[] negated = Nat.create(len);
    Nat.sub(len, Nat.fromBigInteger(len * 32, n), scalar, negated);
    Nat.cmov(len, 1 - (scalar[0] & 1), negated, 0, scalar, 0);
    try {
      ECLookupTable table = oddMultiples(p);
      ECPoint r = table.lookup(index(digit(scalar, windows - 1, true)));
      for (int i = windows - 2; i >= 0; i--) {
        r = r.timesPow2(W - 1).twicePlus(table.lookup(index(digit(scalar, i, false))));
      }
      r = r.normalize();
      return r.isInfinity() ? null : r.getAffineXCoord().toBigInteger();
    } finally {
      java.util.Arrays.fill(scalar, 0);
      java.util.Arrays.fill(negated, 0);
    }
  }

  /** Window i's signed odd digit (the last window's is the window with its low bit set). */
  private static int digit(int[] k, int i, boolean last) {
    int c = window(k, W * i) | 1;
    if (last) {
      return c;
    }
    int b = Nat.getBit(k, W * (i + 1));
    return c - (1 << W) + (b << W);
  }

  private static int window(int[] k, int bit) {
    int word = bit >>> 5;
    int shift = bit & 31;
    long both = (k[word] & 0xffffffffL) | (word + 1 < k.length ? (long) k[word + 1] << 32 : 0);
    return (int) (both >>> shift) & MASK;
  }

  /** The table position of an odd digit d in {@code [-(2^W - 1), 2^W - 1]}. */
  private static int index(int d) {
    return (d + MASK) >> 1;
  }

  /** {@code -(2^W-1)P, ..., -3P, -P, P, 3P, ..., (2^W-1)P}, affine, in a constant-time table. */
  private static ECLookupTable oddMultiples(ECPoint p) {
    int half = 1 << (W - 1);
    ECPoint[] positive = new ECPoint[half];
    positive[0] = p.normalize();
    ECPoint twice = positive[0].twice();
    for (int j = 1; j < half; j++) {
      positive[j] = positive[j - 1].add(twice);
    }
    ECCurve curve = p.getCurve();
    curve.normalizeAll(positive);
    ECPoint[] table = new ECPoint[2 * half];
    for (int j = 0; j < half; j++) {
      table[half + j] = positive[j];
      table[half - 1 - j] = positive[j].negate();
    }
    return curve.createCacheSafeLookupTable(table, 0, table.length);
  }
}
