package org.openstc.cli.stcsh;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.partition.store.HostStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service restart ntls}: the running service restarts NTLS on its port with the current
 * certificate and settings (after {@code sysconf regenCert} or {@code ntls bind|ipcheck|
 * tcp_keepalive}); every NTLS link is dropped and clients reconnect. The request goes through the
 * host store, so it works from any {@code stcsh}; this command waits until the service did it.
 */
@Command(name = "restart", description = "Restart NTLS in the running service (service restart "
    + "ntls): NTLS links are dropped, clients reconnect; the certificate and ntls settings are "
    + "read again.")
final class ServiceRestart extends HostCommand {
  @Parameters(index = "0", paramLabel = "SERVICE", description = "ntls")
  String service;
  @Option(names = {"-wait", "--wait"}, paramLabel = "SECONDS", description = "how long to wait "
      + "for the service to restart NTLS (default 10)")
  int waitSeconds = 10;

  ServiceRestart(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    if (!"ntls".equals(service.toLowerCase(Locale.ROOT))) {
      throw new CliException(ExitCode.USAGE, "service restart " + service + ": only ntls restarts"
          + " inside the running host; restart STC (and everything) with service stop, then"
          + " service start");
    }
    if (waitSeconds < 1 || waitSeconds > 300) {
      throw new CliException(ExitCode.USAGE, "-wait must be 1..300 seconds, not " + waitSeconds);
    }
    Path dir = resolveHome(home, ctx);
    if (NtlsServiceState.running(dir).isEmpty()) {
      throw new CliException(ExitCode.NOT_RUNNING, "NTLS is not running for " + dir + " (service"
          + " start runs it once sysconf regenCert was done)");
    }
    long wanted;
    try (HostStore store = open()) {
      wanted = store.ntls().requestRestart();
    }
    out().println("Restarting NTLS service: all NTLS links are dropped; clients reconnect.");
    out().flush();
    long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
    Optional<NtlsServiceState> now = NtlsServiceState.running(dir);
    while (now.map(n -> n.restarts() < wanted).orElse(true) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(50_000_000L); // the service checks every 0.5 s
      now = NtlsServiceState.running(dir);
    }
    if (now.isEmpty() || now.get().restarts() < wanted) {
      throw new CliException(ExitCode.TIMEOUT, "the service did not restart NTLS within "
          + waitSeconds + " s (it is asked to; see service status ntls and the host log)");
    }
    if (now.get().lastFailure() != null) {
      throw new CliException(ExitCode.ERROR, "NTLS did not start again: " + now.get().lastFailure()
          + " (fix it, then service restart ntls again)");
    }
    out().println("NTLS service restarted: listening on " + now.get().bind() + ":"
        + now.get().port() + ".");
  }

  /** {@code service status ntls}: prints the NTLS state; NOT_RUNNING when NTLS is down. */
  static void status(CliContext ctx, Path dir, boolean json) throws CliException {
    Optional<NtlsServiceState> s = NtlsServiceState.running(dir);
    boolean up = s.isPresent() && s.get().lastFailure() == null;
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("running", up);
    s.ifPresent(n -> {
      view.put("pid", n.pid());
      view.put("bind", n.bind());
      view.put("port", n.port());
      view.put("ipcheck", n.ipcheck());
      view.put("links", n.links());
      view.put("started", n.started());
      view.put("restarts", n.restarts());
      if (n.lastFailure() != null) {
        view.put("lastFailure", n.lastFailure());
      }
    });
    if (json) {
      ctx.printJson(view);
    } else if (up) {
      NtlsServiceState n = s.get();
      ctx.out().printf("NTLS service: running (pid %d, %s:%d, %d links, client source IP "
          + "validation %s, started %s)%n", n.pid(), n.bind(), n.port(), n.links(),
          n.ipcheck() ? "enabled" : "disabled", n.started());
    } else if (s.isPresent()) {
      ctx.out().println("NTLS service: down, its restart failed: " + s.get().lastFailure());
    } else {
      ctx.out().println("NTLS service: stopped");
    }
    if (!up) {
      throw new CliException(ExitCode.NOT_RUNNING, "NTLS is not running for " + dir);
    }
  }
}
