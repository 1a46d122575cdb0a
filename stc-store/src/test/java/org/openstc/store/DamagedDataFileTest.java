package org.openstc.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openstc.store.LmdbStoreTest.Failed;

/**
 * A truncated or garbled data file is refused before LMDB maps it (which would crash this JVM with
 * SIGBUS or SIGSEGV), with one message naming the damage, and the file is left byte for byte.
 */
class DamagedDataFileTest {
  private static final int PAGE = 4096;
  @TempDir Path home;
  private byte[] good;

  /** A real store of several pages, closed. */
  @BeforeEach
  void fill() throws Exception {
    Path dir = home.resolve("good");
    try (LmdbStore<Failed> store = LmdbStoreTest.open(dir)) {
      Table a = store.table("a");
      for (int batch = 0; batch < 5; batch++) {
        int from = batch * 100;
        store.write("fill", tx -> {
          for (int i = from; i < from + 100; i++) {
            a.put(tx, LmdbStoreTest.b("key" + i), new byte[200]);
          }
          return null;
        });
      }
    }
    good = Files.readAllBytes(LmdbStore.dataFile(dir));
    assertTrue(good.length >= 20 * PAGE, "a store of many pages: " + good.length);
  }

  @Test
  void anUndamagedFileOpensAndKeepsItsRecords() throws Exception {
    Path dir = damaged("same", b -> b);
    try (LmdbStore<Failed> store = LmdbStoreTest.open(dir)) {
      assertEquals(500, store.read("count", tx -> store.table("a").scan(tx, new byte[0])).size());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100, PAGE, PAGE + 200, 2 * PAGE, 3 * PAGE, -PAGE, -1})
  void aTruncatedFileIsRefused(int size) throws Exception {
    int keep = size < 0 ? good.length + size : size;
    assertRefused(damaged("cut" + keep, b -> Arrays.copyOf(b, keep)),
        keep == 0 ? "empty" : "truncated");
  }

  @Test
  void aSecondPageOfNoiseIsRefused() throws Exception {
    assertRefused(damaged("noise", b -> put(b, PAGE, noise(PAGE))), "page 1 is not an LMDB meta page");
  }

  @Test
  void garbledMagicOrVersionIsRefused() throws Exception {
    assertRefused(damaged("magic", b -> put(b, 16, new byte[] {1, 2, 3, 4})), "not an LMDB meta page");
    assertRefused(damaged("version", b -> le(b, PAGE + 20, 4, 999)), "format version 999");
  }

  @Test
  void aMetaPageWithImpossibleFieldsIsRefused() throws Exception {
    // The newer meta page (higher transaction id) is the one LMDB would use.
    assertRefused(damaged("last", b -> le(le(b, 144, 8, 1L << 40), 136, 8, 1L << 20)), "truncated");
    assertRefused(damaged("root", b -> le(le(b, 144, 8, 1L << 40), 128, 8, 7_000_000)),
        "main database record is impossible");
    assertRefused(damaged("psize", b -> le(b, 40, 4, 3000)), "impossible page size 3000");
    assertRefused(damaged("map", b -> le(le(b, 144, 8, 1L << 40), 32, 8, 4096)), "map size");
  }

  @Test
  void aRootPageOfNoiseIsRefused() throws Exception {
    ByteBuffer m0 = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer m1 = m0.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int newer = m1.getLong(PAGE + 144) > m0.getLong(144) ? PAGE : 0;
    long root = m0.getLong(newer + 128);
    assertRefused(damaged("rootpage", b -> put(b, (int) root * PAGE, new byte[64])),
        "is not a page of this file");
  }

  /** Noise in the body of any tree page (its header intact) crashed LMDB for some pages. */
  @Test
  void noiseInsideAnyTreePageIsRefused() throws Exception {
    ByteBuffer w = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
    int newer = w.getLong(PAGE + 144) > w.getLong(144) ? PAGE : 0;
    long last = w.getLong(newer + 136);
    int refused = 0;
    for (int page = 2; page <= last; page++) {
      int at = page * PAGE;
      Path dir = damaged("body" + page, b -> put(b, at + 16, noise(PAGE - 16)));
      try {
        LmdbStoreTest.open(dir).close();
      } catch (Failed e) {
        assertEquals(StoreFailure.CORRUPT, e.kind, e.getMessage());
        refused++;
      }
    }
    assertTrue(refused >= 3, "refused " + refused + " of " + (last - 1)); // pages in use; the rest are free
  }

  private Path damaged(String name, UnaryOperator<byte[]> damage) throws Exception {
    Path dir = home.resolve(name);
    Files.createDirectories(dir);
    Files.write(LmdbStore.dataFile(dir), damage.apply(good.clone()));
    return dir;
  }

  private static void assertRefused(Path dir, String why) throws Exception {
    byte[] before = Files.readAllBytes(LmdbStore.dataFile(dir));
    Failed e = assertThrows(Failed.class, () -> LmdbStoreTest.open(dir).close());
    assertEquals(StoreFailure.CORRUPT, e.kind);
    assertTrue(e.getMessage().contains(why) && e.getMessage().contains("nothing was changed")
        && e.getMessage().contains(LmdbStore.dataFile(dir).toString()), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(LmdbStore.dataFile(dir)), "the file is untouched");
    assertTrue(Files.notExists(dir.resolve("lock.mdb")), "LMDB never opened it");
  }

  private static byte[] put(byte[] b, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, b, at, bytes.length);
    return b;
  }

  private static byte[] le(byte[] b, int at, int n, long v) {
    ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (n == 4) {
      w.putInt(at, (int) v);
    } else {
      w.putLong(at, v);
    }
    return b;
  }

  private static byte[] noise(int n) {
    byte[] b = new byte[n];
    new Random(42).nextBytes(b);
    return b;
  }
}
