package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class ShamirTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void fieldIsTheAesField() {
    // FIPS-197 section 4.2: {57} x {83} = {c1}; {57} x {13} = {fe}.
    assertEquals(0xc1, Shamir.mul(0x57, 0x83));
    assertEquals(0xfe, Shamir.mul(0x57, 0x13));
    for (int a = 1; a < 256; a++) {
      assertEquals(1, Shamir.mul(a, Shamir.div(1, a)), "inverse of " + a);
    }
  }

  @Test
  void handComputedVector() {
    // m = 2, secret byte 0x42, coefficient 0x07: f(x) = 0x42 ^ 7x. f(1) = 0x45, f(2) = 0x42 ^ 0x0e = 0x4c.
    Map<Integer, byte[]> shares = Map.of(1, new byte[] {0x45}, 2, new byte[] {0x4c});
    assertArrayEquals(new byte[] {0x42}, Shamir.combine(shares));
  }

  @Test
  void anyMOfNSharesRecoverTheSecret() {
    qt().forAll(Generate.byteArrays(Generate.range(1, 48), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)),
        integers().between(2, 6), integers().between(0, 4)).checkAssert((secret, m, extra) -> {
          int n = m + extra;
          byte[][] shares = Shamir.split(secret, m, n, RANDOM);
          List<Integer> xs = new ArrayList<>();
          for (int x = 1; x <= n; x++) {
            xs.add(x);
          }
          Collections.shuffle(xs, RANDOM);
          Map<Integer, byte[]> chosen = new HashMap<>();
          xs.subList(0, m).forEach(x -> chosen.put(x, shares[x - 1]));
          assertArrayEquals(secret, Shamir.combine(chosen));
        });
  }

  @Test
  void fewerThanMSharesGiveSomethingElse() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    byte[][] shares = Shamir.split(secret, 3, 5, RANDOM);
    assertFalse(Arrays.equals(secret, Shamir.combine(Map.of(1, shares[0], 4, shares[3]))));
  }

  @Test
  void refusesBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> Shamir.split(new byte[1], 1, 3, RANDOM));
    assertThrows(IllegalArgumentException.class, () -> Shamir.split(new byte[1], 4, 3, RANDOM));
    assertThrows(IllegalArgumentException.class, () -> Shamir.combine(Map.of(1, new byte[1])));
    assertThrows(IllegalArgumentException.class, () -> Shamir.combine(Map.of(1, new byte[1], 2, new byte[2])));
    assertThrows(IllegalArgumentException.class, () -> Shamir.combine(Map.of(0, new byte[1], 2, new byte[1])));
  }
}
