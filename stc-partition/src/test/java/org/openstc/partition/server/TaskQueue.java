package org.openstc.partition.server;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** An executor whose tasks wait until the test runs them, so a test decides when work completes. */
final class TaskQueue implements Executor {
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  int size() {
    return tasks.size();
  }

  /** Runs the oldest task; false if there was none. */
  boolean runOne() {
    Runnable next = tasks.poll();
    if (next == null) {
      return false;
    }
    next.run();
    return true;
  }

  /** Runs tasks, including those they submit, until none is left. */
  void runAll() {
    while (runOne()) {
      // keep going
    }
  }
}
