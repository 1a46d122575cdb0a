package org.openstc.cli.vtl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;

/**
 * {@code htl/htlclient.pid} in the client home: {@code PID START} of the running HTL client
 * daemon, written when it has started its agents and removed when it stops. The start time (as
 * the kernel reports it) makes a record left by a killed daemon stale even when its pid is reused:
 * nothing is signalled on the word of a stale record.
 */
record HtlClientState(long pid, String start) {
  static final String FILE = "htlclient.pid";

  static HtlClientState ofThisProcess() {
    ProcessHandle self = ProcessHandle.current();
    return new HtlClientState(self.pid(), startOf(self).orElse("?"));
  }

  static Optional<HtlClientState> read(Path htlDir) {
    try {
      String[] f = new String(SmallFiles.read(htlDir.resolve(FILE)), StandardCharsets.US_ASCII)
          .trim().split(" ");
      return f.length == 2 ? Optional.of(new HtlClientState(Long.parseLong(f[0]), f[1]))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  void write(Path htlDir) throws IOException {
    OwnerOnlyFiles.createDirectories(htlDir);
    OwnerOnlyFiles.write(htlDir.resolve(FILE), (pid + " " + start + "\n")
        .getBytes(StandardCharsets.US_ASCII));
  }

  /** Removes the record if it is still this one's. */
  void remove(Path htlDir) {
    if (read(htlDir).filter(this::equals).isPresent()) {
      try {
        Files.deleteIfExists(htlDir.resolve(FILE));
      } catch (IOException ignored) {
        // a stale record is recognised by its start time
      }
    }
  }

  /** The daemon's process if it still runs (same pid, same start time). */
  Optional<ProcessHandle> process() {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> startOf(p).map(start::equals).orElse(false));
  }

  private static Optional<String> startOf(ProcessHandle p) {
    return p.info().startInstant().map(Object::toString);
  }
}
