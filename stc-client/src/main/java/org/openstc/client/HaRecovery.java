package org.openstc.client;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The group's active recovery thread: every interval, each dropped member that has not used up its
 * retries is tried again (and synchronised when it answers). Retry 0 turns it off.
 */
final class HaRecovery implements AutoCloseable {
  private final HaGroup group;
  private final Runnable onClose;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "ha-recovery");
    t.setDaemon(true);
    return t;
  });
  private ScheduledFuture<?> task;

  HaRecovery(HaGroup group, Runnable onClose) {
    this.group = group;
    this.onClose = onClose;
  }

  synchronized void schedule(int retries, Duration interval) {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
    if (retries > 0) {
      long ms = interval.toMillis();
      task = timer.scheduleWithFixedDelay(() -> {
        for (HaMember m : group.all()) {
          if (m.state == HaMember.State.DOWN && m.failedRecoveries < retries) {
            group.tryJoin(m);
          }
        }
      }, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    onClose.run();
  }
}
