package org.openstc.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lifecycle, transactions, tables and the failure mapping of one store. */
class LmdbStoreTest {
  static final StoreConfig CONFIG =
      new StoreConfig("test store", 1L << 20, 16, false, List.of("a", "b"));

  /** The store's own exception in these tests. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    final StoreFailure kind;

    Failed(StoreFailure kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }
  }

  @TempDir Path home;

  static LmdbStore<Failed> open(Path dir) throws Failed {
    return LmdbStore.open(dir, CONFIG, Failed::new);
  }

  static byte[] b(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void putGetDeleteAndScanByPrefixInKeyOrder() throws Exception {
    try (LmdbStore<Failed> store = open(home.resolve("db"))) {
      Table a = store.table("a");
      store.write("fill", tx -> {
        for (String k : new String[] {"p2", "p1", "q", "p", "o9"}) {
          a.put(tx, b(k), b("v" + k));
        }
        return null;
      });
      List<byte[][]> p = store.read("scan", tx -> a.scan(tx, b("p")));
      assertEquals(List.of("p", "p1", "p2"), p.stream().map(kv -> new String(kv[0])).toList());
      assertArrayEquals(b("vp1"), p.get(1)[1]);
      assertEquals(5, store.read("all", tx -> a.scan(tx, new byte[0])).size());
      assertTrue(store.read("none", tx -> a.scan(tx, b("zz"))).isEmpty());
      assertEquals(3, (int) store.write("drop", tx -> a.deletePrefix(tx, b("p"))));
      boolean again = store.write("again", tx -> a.delete(tx, b("p1")));
      boolean q = store.write("q", tx -> a.delete(tx, b("q")));
      assertFalse(again);
      assertTrue(q);
      assertNull(store.read("gone", tx -> a.get(tx, b("q"))));
      assertNull(store.read("other table", tx -> store.table("b").get(tx, b("o9"))));
    }
  }

  @Test
  void aWriteWhoseWorkThrowsLeavesNothing() throws Exception {
    try (LmdbStore<Failed> store = open(home.resolve("db"))) {
      Table a = store.table("a");
      Failed refused = new Failed(StoreFailure.IO, "refused", null);
      assertThrows(Failed.class, () -> store.write("half", tx -> {
        a.put(tx, b("k"), b("v"));
        throw refused;
      }));
      assertNull(store.read("check", tx -> a.get(tx, b("k"))));
    }
  }

  @Test
  void aFullMapIsMappedOnceWithAClearMessage() throws Exception {
    try (LmdbStore<Failed> store = open(home.resolve("db"))) {
      Failed e = assertThrows(Failed.class, () -> store.write("fill the store",
          tx -> { store.table("a").put(tx, b("big"), new byte[(int) CONFIG.mapSize() + 4096]); return null; }));
      assertEquals(StoreFailure.FULL, e.kind);
      assertEquals("cannot fill the store: the test store is full (1 MiB)", e.getMessage());
      assertNull(store.read("check", tx -> store.table("a").get(tx, b("big"))));
    }
  }

  @Test
  void valuesOfEverySizeRoundTrip() throws Exception {
    try (LmdbStore<Failed> store = open(home.resolve("db"))) {
      Table a = store.table("a");
      for (int size : new int[] {0, 1, 1023, 1024, 1025, 70_000, 200_000}) {
        byte[] v = new byte[size];
        new java.util.Random(size).nextBytes(v);
        store.write("put", tx -> { a.put(tx, b("k" + size), v); return null; });
        assertArrayEquals(v, store.read("get", tx -> a.get(tx, b("k" + size))));
      }
      byte[] longest = new byte[DirectBuffers.MAX_KEY];
      store.write("long key", tx -> { a.put(tx, longest, b("x")); return null; });
      assertThrows(IllegalArgumentException.class,
          () -> store.write("too long", tx -> { a.put(tx, new byte[DirectBuffers.MAX_KEY + 1], b("x")); return null; }));
      assertThrows(IllegalArgumentException.class, () -> store.read("empty", tx -> a.get(tx, new byte[0])));
    }
  }

  @Test
  void storesOnOneDirectoryShareTheEnvironmentUntilTheLastCloses() throws Exception {
    Path dir = home.resolve("db");
    LmdbStore<Failed> first = open(dir);
    try (LmdbStore<Failed> second = open(dir)) {
      second.write("put", tx -> { second.table("a").put(tx, b("k"), b("v")); return null; });
      first.close();
      first.close();
      assertArrayEquals(b("v"), second.read("get", tx -> second.table("a").get(tx, b("k"))));
    }
    try (LmdbStore<Failed> again = open(dir)) {
      assertArrayEquals(b("v"), again.read("get", tx -> again.table("a").get(tx, b("k"))));
      assertThrows(IllegalStateException.class, () -> LmdbStore.open(dir,
          new StoreConfig("other", 1L << 20, 16, false, List.of("c")), Failed::new));
    }
  }

  @Test
  void theDirectoryAndTheFilesAreOwnerOnly() throws Exception {
    Path dir = home.resolve("deep").resolve("db");
    open(dir).close();
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())));
    Files.setPosixFilePermissions(dir.resolve("data.mdb"), PosixFilePermissions.fromString("rw-r--r--"));
    open(dir).close();
    for (String f : new String[] {"data.mdb", "lock.mdb"}) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))));
    }
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsAnIoFailure() throws Exception {
    Files.writeString(home.resolve("file"), "x");
    Failed e = assertThrows(Failed.class, () -> open(home.resolve("file").resolve("db")));
    assertEquals(StoreFailure.IO, e.kind);
    assertTrue(e.getMessage().startsWith("cannot open the test store in "), e.getMessage());
  }
}
