package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyPrimitiveCache}: the bounds hold after any sequence of operations, an entry is served
 * only at the stamp it was confirmed at, and other sealed bytes are never confirmed.
 */
class KeyPrimitiveCacheTest {
  static final int SERIALS = 4;

  @Test
  void theBoundsHoldWhateverHappens() {
    qt().withExamples(300).forAll(integers().between(1, 8), integers().between(1, 5),
        lists().of(integers().between(0, 999)).ofSizeBetween(0, 200))
        .checkAssert((total, perPartition, ops) -> replay(total, perPartition, ops));
  }

  /** Each op: 0-79 put, 80-89 remove, 90-94 removePartition, 95-99 get; operands from the rest. */
  private static void replay(int total, int perPartition, List<Integer> ops) {
    KeyPrimitiveCache<String> cache = new KeyPrimitiveCache<>(total, perPartition);
    long stamp = 0;
    for (int op : ops) {
      int kind = op % 100;
      long serial = (op / 100) % SERIALS;
      long handle = op / 400;
      if (kind < 80) {
        String value = serial + "/" + handle + "@" + (++stamp);
        cache.put(serial, handle, new byte[] {(byte) op}, value, stamp);
        assertSame(value, cache.get(serial, handle, stamp), "the entry just put is kept");
      } else if (kind < 90) {
        cache.remove(serial, handle);
        assertNull(cache.get(serial, handle, stamp));
      } else if (kind < 95) {
        cache.removePartition(serial);
        assertEquals(0, cache.size(serial));
      } else {
        cache.get(serial, handle, stamp);
      }
      int sum = 0;
      for (long s = 0; s < SERIALS; s++) {
        int n = cache.size(s);
        assertEquals(true, n <= perPartition, "partition " + s + " holds " + n + " > " + perPartition);
        sum += n;
      }
      assertEquals(cache.size(), sum);
      assertEquals(true, cache.size() <= total, "holds " + cache.size() + " > " + total);
    }
  }

  @Test
  void anEntryIsServedOnlyAtItsStampAndConfirmedOnlyForTheSameSealedBytes() {
    KeyPrimitiveCache<String> cache = new KeyPrimitiveCache<>(4, 4);
    cache.put(1, 7, new byte[] {1, 2, 3}, "key", 10);
    assertSame("key", cache.get(1, 7, 10));
    assertNull(cache.get(1, 7, 11), "a later commit: read the store again first");
    assertNull(cache.confirm(1, 7, new byte[] {1, 2, 4}, 11), "replaced: other sealed bytes");
    assertSame("key", cache.confirm(1, 7, new byte[] {1, 2, 3}, 11));
    assertSame("key", cache.get(1, 7, 11));
    assertSame("key", cache.confirm(1, 7, new byte[] {1, 2, 3}, 9), "an older read keeps the newer stamp");
    assertSame("key", cache.get(1, 7, 11));
    assertNull(cache.get(2, 7, 11), "another partition's handle 7 is another object");
  }

  @Test
  void theLeastRecentlyUsedGoesFirst() {
    KeyPrimitiveCache<String> cache = new KeyPrimitiveCache<>(3, 2);
    cache.put(1, 1, new byte[1], "a", 1);
    cache.put(1, 2, new byte[1], "b", 1);
    cache.get(1, 1, 1);
    cache.put(1, 3, new byte[1], "c", 1); // partition 1 is full: b (not used since) goes
    assertNull(cache.get(1, 2, 1));
    assertSame("a", cache.get(1, 1, 1));
    cache.put(2, 1, new byte[1], "d", 1);
    cache.put(2, 2, new byte[1], "e", 1); // 4 > 3 in all: c is now the eldest
    assertNull(cache.get(1, 3, 1));
    assertEquals(3, cache.size());
  }

  @Test
  void boundsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new KeyPrimitiveCache<String>(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new KeyPrimitiveCache<String>(1, 0));
  }
}
