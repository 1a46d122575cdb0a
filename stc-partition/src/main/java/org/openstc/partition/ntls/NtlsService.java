package org.openstc.partition.ntls;

import java.io.Closeable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openstc.partition.server.ChannelCloses;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NTLS service as {@code service start} runs it: one {@link NtlsServer} at a time, restarted on
 * the same port when {@code service restart ntls} asks (in this process or another; seen within
 * {@value NtlsServer#SWEEP_MILLIS} ms). A restart ends every NTLS link with the closing notice
 * ({@code CKR_DEVICE_ERROR}) and starts again with the store's current certificate and settings
 * (after {@code sysconf regenCert}, {@code ntls bind|ipcheck|tcp_keepalive}); clients reconnect.
 */
public final class NtlsService implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(NtlsService.class);

  /** How the service (re)creates its server on a port; the caller wires HTL and policies in. */
  @FunctionalInterface
  public interface Starter {
    NtlsServer start(int port) throws Exception;
  }

  private final HostStore store;
  private final Starter starter;
  private final Consumer<NtlsService> changed;
  private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "ntls-restart-watch");
    t.setDaemon(true);
    return t;
  });
  private volatile NtlsServer server;
  private int port;
  private volatile long applied;
  private volatile String lastFailure;

  private NtlsService(HostStore store, Starter starter, Consumer<NtlsService> changed) {
    this.store = store;
    this.starter = starter;
    this.changed = changed;
  }

  /**
   * Starts NTLS on {@code port} (0: any free port, kept across restarts); {@code changed} hears
   * of every start, restart and poll (the caller records the state for {@code service status}).
   * Restart requests made before this start are not replayed.
   */
  public static NtlsService start(HostStore store, int port, Starter starter,
      Consumer<NtlsService> changed) throws Exception {
    NtlsService s = new NtlsService(store, starter, changed);
    s.applied = store.ntls().restartsRequested();
    s.server = starter.start(port);
    s.port = s.server.port();
    s.watcher.scheduleWithFixedDelay(s::poll, NtlsServer.SWEEP_MILLIS, NtlsServer.SWEEP_MILLIS,
        TimeUnit.MILLISECONDS);
    changed.accept(s);
    return s;
  }

  /** The server running now. */
  public NtlsServer server() {
    return server;
  }

  /** The port NTLS listens on (kept across restarts). */
  public int port() {
    return port;
  }

  /** The restart requests this service has carried out (the store's count when it last restarted). */
  public long restartsApplied() {
    return applied;
  }

  /** Why the last restart failed (NTLS is then down until the next request), or null. */
  public String lastFailure() {
    return lastFailure;
  }

  private void poll() {
    try {
      long wanted = store.ntls().restartsRequested();
      if (wanted != applied) {
        restart(wanted);
      }
      changed.accept(this);
    } catch (StoreException | RuntimeException e) {
      LOG.warn("NTLS restart watch failed: {}", e.toString());
    }
  }

  private void restart(long wanted) {
    NtlsServer old = server;
    LOG.info("NTLS service restarting on port {} (request {})", port, wanted);
    old.close();
    try {
      server = starter.start(port);
      lastFailure = null;
    } catch (Exception e) {
      lastFailure = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.error("NTLS service did not restart: {}", lastFailure);
    }
    applied = wanted;
  }

  /** Stops watching and stops the server (its links get the closing notice). */
  @Override
  public void close() {
    watcher.shutdownNow();
    try {
      // A restart under way finishes first: its old server waits for the closing notices.
      watcher.awaitTermination(ChannelCloses.WAIT_MILLIS + 2000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
  }
}
