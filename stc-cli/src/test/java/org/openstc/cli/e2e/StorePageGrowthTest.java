package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.store.LmdbStore;
import org.openstc.store.StoreConfig;
import org.openstc.store.StorePages;
import org.openstc.store.Table;

/**
 * {@link StorePageGrowth} on a real LMDB store churned as the soak churns the host's: a row written
 * per commit, the one written ten commits earlier deleted. Healthy churn passes; the same churn
 * with a deliberate leak fails: rows never deleted, or one reader held open the whole stretch.
 */
class StorePageGrowthTest {
  private static final int WRITES = 400;
  private static final int ROW = 300; // an object's stored size is of this order
  private static final StoreConfig CONFIG =
      new StoreConfig("soak store", 64L << 20, 32, false, List.of("objects"));
  @TempDir Path dir;

  @Test
  void boundedChurnPasses() throws Exception {
    assertNull(stretch(true, false));
  }

  @Test
  void rowsNeverDeletedFail() throws Exception {
    String leak = stretch(false, false);
    assertNotNull(leak);
    assertTrue(leak.contains("trees grew"), leak);
  }

  @Test
  void aReaderHeldOpenFails() throws Exception {
    String leak = stretch(true, true);
    assertNotNull(leak);
    assertTrue(leak.contains("file grew"), leak);
  }

  /** Warm-up churn, then the checked stretch of the same churn; the checker's verdict on it. */
  private String stretch(boolean delete, boolean staleReader) throws Exception {
    try (LmdbStore<Exception> store = LmdbStore.open(dir, CONFIG, (k, m, c) -> new Exception(m, c))) {
      Table t = store.table("objects");
      churn(store, t, 0, delete);
      StorePages before = LmdbStore.pages(dir);
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch reading = new CountDownLatch(1);
      CompletableFuture<Void> reader = staleReader ? CompletableFuture.runAsync(() -> {
        try {
          store.read("hold a snapshot", tx -> {
            reading.countDown();
            return release.await(60, TimeUnit.SECONDS);
          });
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }) : CompletableFuture.completedFuture(null);
      try {
        assertTrue(!staleReader || reading.await(60, TimeUnit.SECONDS));
        churn(store, t, WRITES, delete);
        return StorePageGrowth.leak(before, LmdbStore.pages(dir), WRITES);
      } finally {
        release.countDown();
        reader.get(60, TimeUnit.SECONDS);
      }
    }
  }

  private static void churn(LmdbStore<Exception> store, Table t, int from, boolean delete)
      throws Exception {
    for (int n = from; n < from + WRITES; n++) {
      int row = n;
      store.write("churn", tx -> {
        t.put(tx, key(row), new byte[ROW]);
        if (delete && row >= 10) {
          t.delete(tx, key(row - 10));
        }
        return null;
      });
    }
  }

  private static byte[] key(int n) {
    return ("object" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
