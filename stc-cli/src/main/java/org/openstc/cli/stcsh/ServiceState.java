package org.openstc.cli.stcsh;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * {@code $STC_HOST_HOME/service.json}: written by a running {@code service start}, removed when it
 * stops, read by {@code service status} and {@code service stop}.
 */
record ServiceState(long pid, String bind, int port, String started) {
  static final String FILE = "service.json";
  private static final Gson GSON = new Gson();

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
