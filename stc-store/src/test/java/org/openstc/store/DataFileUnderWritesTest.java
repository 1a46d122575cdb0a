package org.openstc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.store.LmdbStoreTest.Failed;

/**
 * The data file check reads pages without an LMDB reader slot, so a writer (another process, the
 * running host) may reuse a page it is reading. A healthy store being written is never refused:
 * a failed check is repeated while the newer meta page changes.
 */
class DataFileUnderWritesTest {
  private static final int COMMITS = 3000;
  @TempDir Path dir;

  @Test
  void aStoreWrittenMeanwhileIsNotReportedDamaged() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    List<String> refusals = new ArrayList<>();
    try (LmdbStore<Failed> store = LmdbStoreTest.open(dir)) {
      Table a = store.table("a");
      CompletableFuture<Integer> checks = CompletableFuture.supplyAsync(() -> {
        int n = 0;
        while (!done.get()) {
          try {
            DataFile.check(dir);
          } catch (DataFile.Damaged e) {
            refusals.add(e.getMessage());
          } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
          }
          n++;
        }
        return n;
      });
      try {
        for (int i = 0; i < COMMITS; i++) {
          int round = i;
          store.write("churn", tx -> {
            for (int k = 0; k < 20; k++) { // rewrite and reshape the tree: pages are freed and reused
              a.put(tx, LmdbStoreTest.b("k" + ((round * 7 + k * 13) % 400)), new byte[100 + round % 300]);
            }
            a.delete(tx, LmdbStoreTest.b("k" + (round % 400)));
            return null;
          });
        }
      } finally {
        done.set(true);
      }
      assertTrue(checks.get() > 0);
    }
    assertEquals(List.of(), refusals);
  }
}
