package org.openstc.cli.stcsh;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.partition.store.HostStore;

/**
 * Starts the SSH admin service beside STC in {@code service start} and records its port in
 * {@code $STC_HOST_HOME/ssh.port} while it runs (read by {@code service status}). Without
 * {@code -ssh-port} it tries port 22 and, when that cannot be bound (another sshd, no privilege),
 * says so and runs without SSH; a port that was asked for and cannot be bound is an error.
 */
final class SshStart {
  static final String PORT_FILE = "ssh.port";

  private SshStart() {}

  /** The running service, or null when the default port could not be bound. */
  static SshService start(HostStore store, String bind, Integer port, Duration idle, Path home,
      PrintWriter out) throws CliException {
    int p = port == null ? SshService.DEFAULT_PORT : port;
    if (p < 0 || p > 65535) {
      throw new CliException(ExitCode.USAGE, "-ssh-port must be 0..65535 (0 = any free port), not "
          + p);
    }
    SshService ssh;
    try {
      ssh = SshService.start(store, bind, p, idle);
    } catch (BindException e) {
      String why = "SSH cannot listen on " + bind + ":" + p + ": " + e.getMessage();
      if (port != null) {
        throw new CliException(ExitCode.ERROR, why + " (use another -ssh-port, or -no-ssh)");
      }
      out.println("SSH service not started: " + why + "; set the port with -ssh-port PORT"
          + " (or -no-ssh).");
      return null;
    } catch (Exception e) {
      throw new CliException(ExitCode.ERROR, "cannot start the SSH service: " + e.getMessage());
    }
    try {
      OwnerOnlyFiles.write(home.resolve(PORT_FILE),
          Integer.toString(ssh.port()).getBytes(StandardCharsets.US_ASCII));
      byte[] raw = store.sshHostKey().publicKey().orElseThrow();
      out.println("SSH service listening on " + bind + ":" + ssh.port() + " (host key "
          + SshKeys.fingerprint(raw) + ")");
    } catch (Exception e) {
      stop(ssh, home);
      throw new CliException(ExitCode.ERROR, "cannot start the SSH service: " + e.getMessage());
    }
    return ssh;
  }

  /** The idle timeout {@code -ssh-idle} names: 0..{@value SshService#MAX_IDLE_SECONDS} s. */
  static Duration idle(long seconds) throws CliException {
    if (seconds < 0 || seconds > SshService.MAX_IDLE_SECONDS) {
      throw new CliException(ExitCode.USAGE, "-ssh-idle must be 0.." + SshService.MAX_IDLE_SECONDS
          + " seconds (0 = never), not " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  /** Stops {@code ssh} (if running) and removes its port record. */
  static void stop(SshService ssh, Path home) {
    if (ssh == null) {
      return;
    }
    try {
      ssh.close();
    } catch (IOException e) {
      System.err.println("SSH service did not close cleanly: " + e.getMessage());
    }
    try {
      Files.deleteIfExists(home.resolve(PORT_FILE));
    } catch (IOException e) {
      // a stale port file is harmless: status also checks that the service runs
    }
  }

  /** The recorded SSH port of the running service, if any. */
  static Optional<Integer> recordedPort(Path home) {
    try {
      return Optional.of(Integer.parseInt(new String(SmallFiles.read(home.resolve(PORT_FILE)),
          StandardCharsets.US_ASCII).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
