package org.openstc.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.store.LmdbStoreTest.b;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.store.LmdbStoreTest.Failed;

/**
 * Closing under load: the last close waits for running transactions (closing the environment
 * under one would unmap the file it reads and crash the JVM), and an open meanwhile shares it.
 */
class LmdbStoreCloseTest {
  @TempDir Path home;
  private final CountDownLatch inside = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private Path dir;
  private LmdbStore<Failed> first;

  @BeforeEach
  void store() throws Failed {
    dir = home.resolve("db");
    first = LmdbStoreTest.open(dir);
    first.write("put", tx -> { first.table("a").put(tx, b("k"), b("v")); return null; });
  }

  @Test
  void theLastCloseWaitsForARunningTransactionAndThenRefusesWork() throws Exception {
    CompletableFuture<byte[]> reader = slowRead();
    Thread closer = closeWhileReading();
    release.countDown();
    closer.join(30_000);
    assertFalse(closer.isAlive());
    assertArrayEquals(b("v"), reader.get(30, TimeUnit.SECONDS));
    assertThrows(IllegalStateException.class, () -> first.read("late", tx -> null));
  }

  @Test
  void anOpenWhileTheLastCloseWaitsSharesTheEnvironmentWhichStaysOpen() throws Exception {
    CompletableFuture<byte[]> reader = slowRead();
    Thread closer = closeWhileReading();
    try (LmdbStore<Failed> second = LmdbStoreTest.open(dir)) {
      assertSame(first.shared, second.shared, "one environment per directory, even while closing");
      release.countDown();
      closer.join(30_000);
      assertFalse(closer.isAlive());
      assertArrayEquals(b("v"), reader.get(30, TimeUnit.SECONDS));
      assertArrayEquals(b("v"), second.read("after", tx -> second.table("a").get(tx, b("k"))));
    }
  }

  /** A read of {@code k} that holds its transaction open until {@link #release}. */
  private CompletableFuture<byte[]> slowRead() throws InterruptedException {
    CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
      try {
        return first.read("slow read", tx -> {
          inside.countDown();
          awaitRelease();
          return first.table("a").get(tx, b("k"));
        });
      } catch (Failed e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(inside.await(30, TimeUnit.SECONDS));
    return reader;
  }

  /** Starts closing {@link #first} and returns once the close is waiting for the reader. */
  private Thread closeWhileReading() {
    Thread closer = new Thread(first::close);
    closer.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (closer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(Thread.State.WAITING, closer.getState(), "close waits for the running transaction");
    return closer;
  }

  private void awaitRelease() throws Failed {
    try {
      if (!release.await(30, TimeUnit.SECONDS)) {
        throw new Failed(StoreFailure.IO, "not released", null);
      }
    } catch (InterruptedException e) {
      throw new Failed(StoreFailure.IO, "interrupted", e);
    }
  }
}
