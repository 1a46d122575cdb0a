package org.openstc.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The agents of the HTL client daemon (docs/ntls.md, HTL): one {@link HtlAgent} for every server
 * of the server list added with {@code -htl}. It re-reads the server list once every polling
 * interval, so a server added ({@code vtl addServer -htl}) gets its agent and a server removed (or
 * changed) has its agent stopped, closing that link, while the daemon runs.
 */
public final class HtlAgents implements Runnable, AutoCloseable {
  private final Path home;
  private final int port;
  private final Duration interval;
  private final BiConsumer<String, String> status;
  private final Map<NtlsConfig.Server, Running> running = new HashMap<>();
  private final CountDownLatch stop = new CountDownLatch(1);

  private record Running(HtlAgent agent, Thread thread) {}

  /**
   * @param status told {@code (server, line)} for each agent's status line, and {@code (null,
   *     line)} for the daemon's own (a server taken up or let go, an unreadable server list)
   */
  public HtlAgents(Path home, int port, Duration interval, BiConsumer<String, String> status) {
    this.home = home;
    this.port = port;
    this.interval = interval;
    this.status = status;
  }

  /**
   * Reads the server list once and brings the agents in line with it; returns the servers that
   * have an agent now.
   */
  public synchronized Set<String> refresh() throws StcClientException {
    Set<NtlsConfig.Server> wanted = new java.util.HashSet<>(NtlsConfig.load(home).servers());
    wanted.removeIf(s -> !s.htl());
    for (var it = running.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!wanted.contains(e.getKey())) {
        it.remove();
        stopAgent(e.getValue());
        status.accept(null, "server " + e.getKey().name() + " no longer requires HTL in the "
            + "server list: its agent stopped");
      }
    }
    for (NtlsConfig.Server s : wanted) {
      if (stop.getCount() > 0 && !running.containsKey(s)) {
        HtlAgent agent = new HtlAgent(home, s.name(), port, interval,
            line -> status.accept(s.name(), line));
        Thread t = new Thread(agent, "htl-agent-" + s.name());
        t.setDaemon(true);
        running.put(s, new Running(agent, t));
        t.start();
        status.accept(null, "keeping the HTL link to server " + s.name() + " up");
      }
    }
    Set<String> names = new TreeSet<>();
    running.keySet().forEach(s -> names.add(s.name()));
    return names;
  }

  /** Follows the server list (once every polling interval) until {@link #close}. */
  @Override
  public void run() {
    String failure = null;
    while (stop.getCount() > 0) {
      try {
        refresh();
        failure = null;
      } catch (StcClientException e) {
        if (!e.getMessage().equals(failure)) {
          failure = e.getMessage();
          status.accept(null, "cannot read the server list (agents unchanged): " + failure);
        }
      }
      try {
        stop.await(interval.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Stops following the list and stops every agent (their links go down). */
  @Override
  public void close() {
    stop.countDown();
    synchronized (this) {
      running.values().forEach(HtlAgents::stopAgent);
      running.clear();
    }
  }

  private static void stopAgent(Running r) {
    r.agent().close();
    try {
      r.thread().join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
