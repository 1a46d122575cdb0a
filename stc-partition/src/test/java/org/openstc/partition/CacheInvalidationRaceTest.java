package org.openstc.partition;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandResponse;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.TestHost;

/**
 * Keys destroyed while other sessions use them: a use that starts after the destroy returned is
 * always CKR_KEY_HANDLE_INVALID, one that overlaps it either succeeds or is refused so, never
 * anything else; destroys alternate between this process's store and another store on the home.
 */
class CacheInvalidationRaceTest {
  static final int THREADS = 4;
  static final int ROUNDS = 30;
  @TempDir Path home;

  @Test
  void destroysWhileEncryptsRun() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (Fixture f = Fixture.create(home, 10_000_000);
        HostStore other = TestHost.open(home, new PinHasher(64, 1), false)) {
      f.initialized();
      Session owner = f.loggedIn(Role.CO);
      List<Session> users = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        users.add(f.loggedIn(Role.CU));
      }
      AtomicInteger refusedAfter = new AtomicInteger();
      for (int round = 0; round < ROUNDS; round++) {
        long key = ObjectBodies.decodeU32(f.ok(owner, Requests.generate(f.id(), ObjectType.AES256, "k")));
        AtomicBoolean destroyed = new AtomicBoolean();
        AtomicInteger started = new AtomicInteger();
        List<Future<?>> runs = new ArrayList<>();
        for (Session s : users) {
          runs.add(pool.submit(() -> {
            int afterDestroy = 0;
            while (afterDestroy < 3) {
              boolean after = destroyed.get();
              CommandResponse r = f.call(s, Requests.encrypt(f.id(), key, new byte[16], new byte[0]));
              started.incrementAndGet();
              if (after) {
                assertEquals(CkResult.CKR_KEY_HANDLE_INVALID, r.result(), r::toString);
                afterDestroy++;
                refusedAfter.incrementAndGet();
              } else {
                assertTrue(r.result() == CkResult.CKR_OK || r.result() == CkResult.CKR_KEY_HANDLE_INVALID,
                    r::toString);
              }
            }
            return null;
          }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (started.get() < THREADS && System.nanoTime() < deadline) {
          Thread.onSpinWait(); // let the users load and cache the key first
        }
        if (round % 2 == 0) {
          f.store.objects().destroy(f.serial, key);
        } else {
          other.objects().destroy(f.serial, key);
        }
        destroyed.set(true);
        for (Future<?> run : runs) {
          run.get(60, TimeUnit.SECONDS);
        }
      }
      assertEquals(ROUNDS * THREADS * 3, refusedAfter.get());
    } finally {
      pool.shutdownNow();
    }
  }
}
