package org.openstc.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads, writes and scans from several threads while the garbage collector runs all the time: the
 * native memory of every key and value must stay alive for its LMDB call (DirectBuffers). With
 * lmdbjava's byte[] proxy (PROXY_BA) the host store read back damaged records under this load.
 * Moved here from stc-partition with the LMDB plumbing: both stores reach LMDB only through
 * stc-store's {@link Table}, so this is where the memory is kept alive and where it is tested.
 */
class GcStressTest {
  private static final int THREADS = 4;
  private static final int ROUNDS = 400;

  @TempDir Path home;

  @Test
  void recordsReadBackIntactUnderConstantGc() throws Exception {
    StoreConfig config = new StoreConfig("gc store", 64L << 20, 16, false, List.of("a"));
    try (LmdbStore<LmdbStoreTest.Failed> store =
        LmdbStore.open(home.resolve("db"), config, LmdbStoreTest.Failed::new)) {
      AtomicBoolean running = new AtomicBoolean(true);
      Thread gc = new Thread(() -> {
        while (running.get()) {
          System.gc();
        }
      });
      gc.setDaemon(true);
      gc.start();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int worker = t;
          done.add(pool.submit(() -> churn(store, worker)));
        }
        for (Future<Integer> f : done) {
          assertEquals(ROUNDS, f.get(2, TimeUnit.MINUTES));
        }
      } finally {
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
      }
    }
  }

  private static int churn(LmdbStore<LmdbStoreTest.Failed> store, int worker) throws Exception {
    Table a = store.table("a");
    Random random = new Random(worker);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] key = LmdbStoreTest.b("w" + worker + "-" + i);
      byte[] value = new byte[16 + random.nextInt(2000)];
      random.nextBytes(value);
      store.write("put", tx -> { a.put(tx, key, value); return null; });
      assertArrayEquals(value, store.read("get", tx -> a.get(tx, key)));
      assertEquals(i + 1, store.read("scan", tx -> a.scan(tx, LmdbStoreTest.b("w" + worker + "-"))).size());
    }
    return ROUNDS;
  }
}
