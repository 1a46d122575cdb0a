package org.openstc.cli.stcsh;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.partition.ntls.NtlsServer;
import org.openstc.partition.ntls.NtlsService;

/**
 * {@code $STC_HOST_HOME/ntls-service.json}: the NTLS part of a running {@code service start}, for
 * {@code service status ntls} and {@code service restart ntls}. Written at start and whenever it
 * changes (checked every 0.5 s), removed when the service stops. It belongs to the process named
 * by {@code service.json}: a file whose pid is not that live process's is stale.
 *
 * @param restarts the restart requests the service has carried out (the store's count)
 * @param lastFailure why the last restart failed (NTLS is down), or null
 */
record NtlsServiceState(long pid, String bind, int port, boolean ipcheck, int links,
    String started, long restarts, String lastFailure) {
  static final String FILE = "ntls-service.json";
  private static final Gson GSON = new Gson();

  static Optional<NtlsServiceState> read(Path home) {
    try {
      return Optional.ofNullable(GSON.fromJson(new String(SmallFiles.read(home.resolve(FILE)),
          StandardCharsets.UTF_8), NtlsServiceState.class));
    } catch (IOException | JsonParseException e) {
      return Optional.empty();
    }
  }

  /** The NTLS state of the live service of {@code home}, if it runs NTLS. */
  static Optional<NtlsServiceState> running(Path home) {
    Optional<ServiceState> service = ServiceState.read(home).filter(ServiceState::alive);
    return read(home).filter(n -> service.isPresent() && service.get().pid() == n.pid());
  }

  static void remove(Path home) {
    try {
      Files.deleteIfExists(home.resolve(FILE));
    } catch (IOException ignored) {
      // A stale file is recognised by its pid.
    }
  }

  /** Writes the file each time the service's state differs from the last written. */
  static final class Recorder implements Consumer<NtlsService> {
    private final Path home;
    private final long pid = ProcessHandle.current().pid();
    private String started;
    private NtlsServiceState last;

    Recorder(Path home) {
      this.home = home;
    }

    @Override
    public void accept(NtlsService service) {
      NtlsServer s = service.server();
      if (started == null || last != null && last.restarts() != service.restartsApplied()) {
        started = Instant.now().toString();
      }
      NtlsServiceState now = new NtlsServiceState(pid, s.settings().bind(), service.port(),
          s.settings().ipcheck(), service.lastFailure() == null ? s.links() : 0, started,
          service.restartsApplied(), service.lastFailure());
      if (now.equals(last)) {
        return;
      }
      try {
        OwnerOnlyFiles.write(home.resolve(FILE), GSON.toJson(now).getBytes(StandardCharsets.UTF_8));
        last = now;
      } catch (IOException e) {
        System.err.println("cannot update " + home.resolve(FILE) + ": " + e.getMessage());
      }
    }
  }
}
