package org.openstc.cli.common;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a condition with a deadline, for tests that watch another thread or process (never a
 * fixed sleep). The condition is checked at once, then every few milliseconds until it holds or
 * the deadline passes; then the test fails saying what it waited for and the last error seen.
 */
public final class Await {
  private Await() {}

  /** A condition that may throw while it does not hold yet (e.g. a port still bound). */
  @FunctionalInterface
  public interface Condition {
    boolean holds() throws Exception;
  }

  /** Returns as soon as {@code condition} holds; fails after {@code timeout}. */
  public static void until(String what, Duration timeout, Condition condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for "
            + what + (last == null ? "" : "; last error: " + last), last);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }
}
