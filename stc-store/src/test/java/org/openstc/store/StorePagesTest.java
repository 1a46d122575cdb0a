package org.openstc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.store.LmdbStoreTest.Failed;

/**
 * {@link LmdbStore#pages} reads what LMDB itself reports (last page, transaction) from the file,
 * counts the pages its trees hold as data comes and goes, and refuses a damaged file.
 */
class StorePagesTest {
  private static final int ROWS = 1000;
  private static final int VALUE = 300;
  @TempDir Path dir;

  @Test
  void pagesFollowTheDataAndAgreeWithLmdb() throws Exception {
    try (LmdbStore<Failed> store = LmdbStoreTest.open(dir)) {
      Table a = store.table("a");
      StorePages empty = LmdbStore.pages(dir);
      fill(store, a, true);
      StorePages full = LmdbStore.pages(dir);
      var info = store.shared.env.info();
      assertEquals(info.lastPageNumber, full.lastPage());
      assertEquals(info.lastTransactionId, full.txnId());
      assertEquals(LmdbStoreTest.CONFIG.mapSize(), full.mapSize());
      assertTrue(full.treePages() - empty.treePages() >= (long) ROWS * VALUE / full.pageSize(),
          empty + " -> " + full);
      assertTrue(full.treePages() <= full.used(), full.toString());
      fill(store, a, false);
      StorePages emptied = LmdbStore.pages(dir);
      assertTrue(emptied.treePages() <= empty.treePages() + 2, empty + " -> " + emptied);
      assertTrue(emptied.used() >= full.used(), "deleting frees pages, the file keeps them");
      assertTrue(emptied.unused() >= full.treePages() - empty.treePages() - 2, emptied.toString());
    }
  }

  @Test
  void aDamagedFileIsRefused() throws Exception {
    try (LmdbStore<Failed> store = LmdbStoreTest.open(dir)) {
      fill(store, store.table("a"), true);
    }
    Path data = dir.resolve("data.mdb");
    byte[] whole = Files.readAllBytes(data);
    Files.write(data, Arrays.copyOf(whole, whole.length / 2));
    IOException e = assertThrows(IOException.class, () -> LmdbStore.pages(dir));
    assertTrue(e.getMessage().contains("is damaged: truncated"), e.getMessage());
  }

  private static void fill(LmdbStore<Failed> store, Table a, boolean put) throws Failed {
    for (int i = 0; i < ROWS; i += 100) {
      int from = i;
      store.write("fill", tx -> {
        for (int k = from; k < from + 100; k++) {
          if (put) {
            a.put(tx, LmdbStoreTest.b("k" + k), new byte[VALUE]);
          } else {
            a.delete(tx, LmdbStoreTest.b("k" + k));
          }
        }
        return null;
      });
    }
  }
}
