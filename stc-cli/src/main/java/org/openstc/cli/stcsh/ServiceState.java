package org.openstc.cli.stcsh;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.partition.server.StcServer;

/**
 * {@code $STC_HOST_HOME/service.json}: written by a running {@code service start}, removed when it
 * stops, read by {@code service status} and {@code service stop}. The running service rewrites it
 * every {@value #COUNTERS_SECONDS} s with its handshake counters (connections pending, and failures
 * caused by unauthenticated peers by kind, see {@code StcServer#handshakeFailures}).
 *
 * <p>A pid alone does not name a process for long: after a {@code kill -9} the file stays and the
 * pid may be reused by an unrelated process. The file therefore also records the process's start
 * time as the kernel reports it ({@link ProcessHandle.Info#startInstant()}); a record whose pid is
 * alive with another start time (or none) is stale, and nothing is ever signalled on its word.
 */
record ServiceState(long pid, String processStart, String bind, int port, String started,
    int pendingHandshakes, Map<String, Long> handshakeFailures) {
  static final String FILE = "service.json";
  static final long COUNTERS_SECONDS = 5;
  private static final Gson GSON = new Gson();

  /** The state of the running process (this one), serving on {@code bind}:{@code port}. */
  static ServiceState ofThisProcess(String bind, int port, String started) {
    ProcessHandle self = ProcessHandle.current();
    return new ServiceState(self.pid(), startOf(self).orElse(null), bind, port, started, 0,
        Map.of());
  }

  /** This state with the current counters of {@code server}. */
  ServiceState withCounters(StcServer server) {
    return new ServiceState(pid, processStart, bind, port, started, server.pendingHandshakes(),
        server.handshakeFailures());
  }

  /** Writes the file; a failure is only logged (the counters are refreshed again later). */
  void tryWrite(Path home) {
    try {
      write(home);
    } catch (IOException e) {
      System.err.println("cannot update " + home.resolve(FILE) + ": " + e.getMessage());
    }
  }

  static Optional<ServiceState> read(Path home) {
    Path file = home.resolve(FILE);
    try {
      return Optional.ofNullable(GSON.fromJson(new String(SmallFiles.read(file),
          StandardCharsets.UTF_8), ServiceState.class));
    } catch (IOException | JsonParseException e) {
      return Optional.empty();
    }
  }

  void write(Path home) throws IOException {
    OwnerOnlyFiles.write(home.resolve(FILE), GSON.toJson(this).getBytes(StandardCharsets.UTF_8));
  }

  static void remove(Path home, long pid) {
    read(home).filter(s -> s.pid == pid).ifPresent(s -> {
      try {
        Files.deleteIfExists(home.resolve(FILE));
      } catch (IOException ignored) {
        // A stale file is detected by the pid check.
      }
    });
  }

  /**
   * The process that wrote this file, if it still runs: the pid is alive and started when the
   * record says. Empty for a stale record (the service was killed; the pid may now be another
   * process's).
   */
  Optional<ProcessHandle> process() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> processStart != null && startOf(p).map(processStart::equals).orElse(false));
  }

  /** Whether the process that wrote this file is still running. */
  boolean alive() {
    return process().isPresent();
  }

  /** Removes a stale record (one whose process is gone); true if there was one. */
  static boolean removeStale(Path home) {
    Optional<ServiceState> s = read(home);
    if (s.isEmpty() || s.get().alive()) {
      return false;
    }
    try {
      return Files.deleteIfExists(home.resolve(FILE));
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<String> startOf(ProcessHandle p) {
    return p.info().startInstant().map(Object::toString);
  }
}
