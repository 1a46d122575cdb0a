package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/**
 * Store reads and writes from several threads while the garbage collector runs all the time: the
 * native copies of keys and values must stay alive for each LMDB call (PinnedByteArrayProxy).
 * With lmdbjava's PROXY_BA this read back damaged records.
 */
class GcStressTest {
  @TempDir Path home;

  @Test
  void recordsReadBackIntactUnderConstantGc() throws Exception {
    try (HostStore store = HostStore.open(home, new PinHasher(64, 1), false)) {
      long serial = store.partitions().create("par1", 50_000_000L, KeyType.X25519).serial();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread gc = new Thread(() -> {
        while (running.get()) {
          System.gc();
        }
      });
      gc.setDaemon(true);
      gc.start();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int worker = t;
          done.add(pool.submit(() -> churn(store, serial, worker)));
        }
        for (Future<Integer> f : done) {
          assertEquals(150, f.get(2, TimeUnit.MINUTES));
        }
      } finally {
        running.set(false);
        pool.shutdown();
      }
    }
  }

  private static int churn(HostStore store, long serial, int worker) throws Exception {
    int ok = 0;
    for (int i = 0; i < 150; i++) {
      PeerIdentity id = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca()).identity();
      store.registrations().register(serial, "w" + worker + "-" + i, id);
      assertTrue(store.registrations().find(serial, id).isPresent());
      assertEquals(serial, store.partitions().bySerial(serial).serial());
      ok++;
    }
    return ok;
  }
}
