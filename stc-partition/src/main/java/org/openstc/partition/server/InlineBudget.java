package org.openstc.partition.server;

import java.util.function.Supplier;

/**
 * The event-loop time one read batch of a connection may spend answering requests inline
 * (docs/performance.md 2.0.5). While the budget lasts, a request of an idle channel that the
 * service answers at once (ECHO, single-part crypto with a cached key) runs on the I/O thread:
 * no worker wake-up, and its reply shares the batch's write. Once the batch has spent it, the rest
 * of the batch goes to the channel's worker, in order. So a lone request never waits for a worker;
 * a pipelined batch of signatures holds the event loop, and every other channel on it, for at most
 * the budget plus one operation; and a busy channel's large operations overlap with its record
 * layer on a second core.
 *
 * <p>One per connection, used on its event loop only.
 */
public final class InlineBudget {
  private final long nanos;
  private long spent;

  /** A budget of {@code nanos} per read batch; 0 answers nothing inline. */
  public InlineBudget(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("negative inline budget: " + nanos + " ns");
    }
    this.nanos = nanos;
  }

  /** Whether a request may still run inline in this read batch. */
  public boolean available() {
    return spent < nanos;
  }

  /** Runs {@code inline}, counts the time it took against this batch, and returns its answer. */
  public byte[] run(Supplier<byte[]> inline) {
    long start = System.nanoTime();
    try {
      return inline.get();
    } finally {
      spent += System.nanoTime() - start;
    }
  }

  /** The read batch ended: the next one starts with the whole budget. */
  public void readComplete() {
    spent = 0;
  }
}
