package org.openstc.partition.server;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs one connection's tasks one at a time, in submission order, on a shared pool: commands of a
 * channel keep their order (login before use) while channels run in parallel.
 */
public final class SerialExecutor implements Executor {
  private final Executor pool;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  public SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    pool.execute(this::drain);
  }

  /**
   * Whether no task is queued or running. Only the submitting thread can make it false again, so
   * for that thread the answer stays true until its next {@link #execute}.
   */
  public boolean isIdle() {
    synchronized (tasks) {
      return !running && tasks.isEmpty();
    }
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      next.run();
    }
  }
}
