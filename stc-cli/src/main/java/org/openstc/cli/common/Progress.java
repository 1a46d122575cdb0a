package org.openstc.cli.common;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line for work that takes seconds (a directory of registrations, Argon2id at a high
 * cost): on a terminal one line on stderr rewritten in place with {@code \r} and erased when the
 * work ends; on a pipe or in a script nothing at all, so output that scripts parse never changes.
 * Counted work shows {@code what: done/total}; work without steps shows the seconds elapsed,
 * rewritten every {@link #TICK_MILLIS}.
 */
public final class Progress implements AutoCloseable {
  /** What a token password's Argon2id derivation (init, unlock, new identity) shows. */
  public static final String KEY_DERIVATION = "Deriving the key from the token password (Argon2id)";
  /** How often the elapsed time of work without steps is rewritten. */
  static final long TICK_MILLIS = 500;

  private final PrintWriter err;
  private final String what;
  private final long startNanos = System.nanoTime();
  private ScheduledExecutorService ticker;
  private int shownWidth;

  private Progress(PrintWriter err, String what) {
    this.err = err;
    this.what = what;
  }

  /** Progress of {@code what} in {@code ctx}: silent unless the process runs on a terminal. */
  public static Progress of(CliContext ctx, String what) {
    return new Progress(ctx.terminal().isConsole() ? ctx.err() : null, what);
  }

  /** Counted work: shows {@code what: done/total}. */
  public synchronized void step(long done, long total) {
    show(what + ": " + done + "/" + total);
  }

  /** Work without steps: shows {@code what... N s} at once and every half second until {@link #close}. */
  public Progress ticking() {
    if (err == null) {
      return this;
    }
    tick();
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return this;
  }

  private synchronized void tick() {
    show(what + "... " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos) + " s");
  }

  private void show(String line) {
    if (err == null) {
      return;
    }
    err.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
    err.flush();
    shownWidth = line.length();
  }

  /** Ends the line: erases it, so the command's own output starts at the left margin. */
  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (err != null && shownWidth > 0) {
        err.print("\r" + " ".repeat(shownWidth) + "\r");
        err.flush();
        shownWidth = 0;
      }
    }
  }
}
