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
import org.openstc.partition.server.StcServer;

/**
 * {@code $STC_HOST_HOME/service.json}: written by a running {@code service start}, removed when it
 * stops, read by {@code service status} and {@code service stop}. The running service rewrites it
 * every {@value #COUNTERS_SECONDS} s with its handshake counters (connections pending, and failures
 * caused by unauthenticated peers by kind, see {@code StcServer#handshakeFailures}).
 */
record ServiceState(long pid, String bind, int port, String started, int pendingHandshakes,
    Map<String, Long> handshakeFailures) {
  static final String FILE = "service.json";
  static final long COUNTERS_SECONDS = 5;
  private static final Gson GSON = new Gson();

  /** This state with the current counters of {@code server}. */
  ServiceState withCounters(StcServer server) {
    return new ServiceState(pid, bind, port, started, server.pendingHandshakes(),
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
      return Optional.ofNullable(GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
          ServiceState.class));
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

  /** Whether the process that wrote this file is still alive. */
  boolean alive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
