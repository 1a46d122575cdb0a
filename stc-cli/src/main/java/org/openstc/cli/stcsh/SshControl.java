package org.openstc.cli.stcsh;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.partition.store.HostStore;

/**
 * {@code service stop ssh} and {@code service start ssh} while the service runs: {@code stop}
 * writes {@code HOME/ssh.stopped}, {@code start} writes the request {@code HOME/ssh.start}; the
 * running service looks every {@link #POLL_MILLIS} ms ({@link #poll}), stops or starts its SSH
 * server, and the command waits for the service's {@code ssh.port} record to go or come.
 * {@code ssh.stopped} stays until {@code service start ssh}: a host whose SSH was stopped also
 * starts without it. A start that failed (port taken) is not retried until asked again.
 */
final class SshControl {
  static final String STOPPED = "ssh.stopped";
  static final String START = "ssh.start";
  static final long POLL_MILLIS = 500;
  private static final long WAIT_SECONDS = 15;

  private final HostStore store;
  private final String bind;
  private final Integer port;
  private final Duration idle;
  private final PrintWriter out;
  private SshService ssh;
  private boolean failed;

  private SshControl(HostStore store, String bind, Integer port, Duration idle, SshService ssh,
      PrintWriter out) {
    this.store = store;
    this.bind = bind;
    this.port = port;
    this.idle = idle;
    this.ssh = ssh;
    this.out = out;
  }

  /**
   * The SSH side of {@code service start}: started unless {@code -no-ssh} or stopped by
   * {@code service stop ssh} (said so), on {@code bind}:{@code port} (null: 22 if it can),
   * closing sessions idle for {@code idle}.
   */
  static SshControl start(HostStore store, String bind, Integer port, Duration idle,
      boolean noSsh, PrintWriter out) throws CliException {
    SshService ssh = null;
    if (!noSsh && stopped(store.home())) {
      out.println("SSH service not started: stopped by service stop ssh (service start ssh"
          + " starts it).");
    } else if (!noSsh) {
      ssh = SshStart.start(store, bind, port, idle, store.home(), out);
    }
    SshControl c = new SshControl(store, bind, port, idle, ssh, out);
    c.failed = ssh == null && !stopped(store.home()); // -no-ssh or no port: not retried
    return c;
  }

  /** Whether a {@code service} command names the SSH service alone ({@code ssh}). */
  static boolean only(String word) throws CliException {
    if (word == null) {
      return false;
    }
    if (!word.equalsIgnoreCase("ssh")) {
      throw new CliException(ExitCode.USAGE, "the service part that can be named is ssh, not '"
          + word + "'");
    }
    return true;
  }

  /** Refuses when no service runs for {@code home}. */
  static void running(Path home) throws CliException {
    if (ServiceState.read(home).filter(ServiceState::alive).isEmpty()) {
      throw new CliException(ExitCode.NOT_RUNNING, "the service is not running for " + home
          + " (service start starts STC, NTLS and SSH)");
    }
  }

  /** {@code service status ssh}: running on which port, or stopped (exit 20). */
  static void status(Path home, java.util.function.Consumer<Object> json, PrintWriter out)
      throws CliException {
    boolean service = ServiceState.read(home).filter(ServiceState::alive).isPresent();
    java.util.Optional<Integer> port = service ? SshStart.recordedPort(home)
        : java.util.Optional.empty();
    if (json != null) {
      java.util.Map<String, Object> v = new java.util.LinkedHashMap<>();
      v.put("running", port.isPresent());
      port.ifPresent(p -> v.put("port", p));
      v.put("stoppedByAdmin", stopped(home));
      json.accept(v);
    } else {
      out.println("SSH service: " + (port.isPresent() ? "running on port " + port.get()
          : stopped(home) ? "stopped (service stop ssh)" : "not running"));
    }
    if (port.isEmpty()) {
      throw new CliException(ExitCode.NOT_RUNNING, "the SSH service is not running for " + home);
    }
  }

  /** Whether an administrator stopped SSH on the host in {@code home}. */
  static boolean stopped(Path home) {
    return Files.exists(home.resolve(STOPPED));
  }

  /** Run by the service every {@link #POLL_MILLIS} ms: follows the stop file and start requests. */
  synchronized void poll() {
    Path home = store.home();
    try {
      if (Files.deleteIfExists(home.resolve(START))) {
        Files.deleteIfExists(home.resolve(STOPPED));
        failed = false;
      }
    } catch (IOException e) {
      return; // the next poll tries again
    }
    boolean wanted = !stopped(home);
    if (!wanted && ssh != null) {
      SshStart.stop(ssh, home);
      ssh = null;
      out.println("SSH service stopped (service stop ssh).");
    } else if (wanted && ssh == null && !failed) {
      try {
        ssh = SshStart.start(store, bind, port, idle, home, out);
      } catch (CliException e) {
        out.println("SSH service not started: " + e.getMessage());
      }
      failed = ssh == null;
    }
    out.flush();
  }

  /** Stops everything at service end. */
  synchronized void close() {
    SshStart.stop(ssh, store.home());
    ssh = null;
  }

  /** {@code service stop ssh}: asks the running service to stop SSH and waits until it did. */
  static void requestStop(Path home, PrintWriter out) throws CliException, InterruptedException {
    try {
      OwnerOnlyFiles.write(home.resolve(STOPPED), new byte[0]);
    } catch (IOException e) {
      throw new CliException(ExitCode.IO_ERROR, "cannot write " + home.resolve(STOPPED) + ": " + e.getMessage());
    }
    if (!await(() -> SshStart.recordedPort(home).isEmpty())) {
      throw new CliException(ExitCode.TIMEOUT, "the service did not stop SSH within " + WAIT_SECONDS + " s");
    }
    out.println("SSH service stopped; it stays stopped until service start ssh.");
  }

  /** {@code service start ssh}: asks the running service to start SSH and waits for its port. */
  static int requestStart(Path home) throws CliException, InterruptedException {
    try {
      OwnerOnlyFiles.write(home.resolve(START), new byte[0]);
    } catch (IOException e) {
      throw new CliException(ExitCode.IO_ERROR, "cannot write " + home.resolve(START) + ": " + e.getMessage());
    }
    if (!await(() -> SshStart.recordedPort(home).isPresent())) {
      throw new CliException(ExitCode.TIMEOUT, "the service did not start SSH within " + WAIT_SECONDS
          + " s (see HOME/log/host.log)");
    }
    return SshStart.recordedPort(home).orElseThrow();
  }

  private static boolean await(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return true;
  }
}
