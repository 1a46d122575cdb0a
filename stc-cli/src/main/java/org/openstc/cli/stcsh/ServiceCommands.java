package org.openstc.cli.stcsh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.HostNames;
import org.openstc.cli.common.Options;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.HandshakeLimits;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.AutoActivation;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.MasterKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code service} group: run the STC service in the foreground, query it, stop it. */
@Command(name = "service", description = "The STC service (the partition host's server).",
    subcommands = {ServiceCommands.Start.class, ServiceCommands.Status.class,
        ServiceCommands.Stop.class, ServiceRestart.class})
final class ServiceCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "start", description = "Serve every partition over STC, in the foreground "
      + "until interrupted (Ctrl-C or service stop).")
  static final class Start extends HostCommand {
    /** {@code -inline-us} at most: a tenth of a second of one I/O thread per read batch. */
    static final long MAX_INLINE_MICROS = 100_000;
    @Option(names = {"-port", "--port"}, description = "TCP port (default 5656; 0 = any free port)")
    int port = ServerConfig.DEFAULT_PORT;
    @Option(names = {"-bind", "--bind"}, description = "address to listen on (default 0.0.0.0)")
    String bind = "0.0.0.0";
    @Option(names = {"-idle", "--idle"}, description = "close channels idle this many seconds "
        + "(default 900; 0 = never)")
    int idleSeconds = 900;
    @Option(names = {"-pre-open-timeout", "--pre-open-timeout"}, paramLabel = "SECONDS",
        description = "REJECT a connection that has not sent OPEN within this many seconds "
            + "(default " + HandshakeLimits.DEFAULT_PRE_OPEN_TIMEOUT_SECONDS + ")")
    int preOpenSeconds = HandshakeLimits.DEFAULT_PRE_OPEN_TIMEOUT_SECONDS;
    @Option(names = {"-max-unauthenticated", "--max-unauthenticated", "-max-pending-handshakes",
        "--max-pending-handshakes"}, paramLabel = "N",
        description = "connections not yet activated, whole host; one more closes the oldest "
            + "(default: half of the descriptor limit less " + HandshakeLimits.FD_RESERVE
            + ", 16.." + HandshakeLimits.MAX_DERIVED_PENDING + ")")
    Integer maxPending;
    @Option(names = {"-max-pending-per-source", "--max-pending-per-source"}, paramLabel = "N",
        description = "connections not yet activated from one IP address; one more closes the "
            + "oldest of them (default " + HandshakeLimits.DEFAULT_MAX_PER_SOURCE + ")")
    int maxPerSource = HandshakeLimits.DEFAULT_MAX_PER_SOURCE;
    @Option(names = {"-max-opened-per-partition", "--max-opened-per-partition"},
        paramLabel = "N", description = "connections past OPEN not yet activated on one "
            + "partition; one more OPEN gets REJECT (default "
            + HandshakeLimits.DEFAULT_MAX_PER_PARTITION + ")")
    int maxPerPartition = HandshakeLimits.DEFAULT_MAX_PER_PARTITION;
    @Option(names = {"-max-opened-per-client", "--max-opened-per-client"}, paramLabel = "N",
        description = "connections past OPEN not yet activated of one client on one partition; "
            + "one more closes the oldest (default " + HandshakeLimits.DEFAULT_MAX_PER_CLIENT
            + ")")
    int maxPerClient = HandshakeLimits.DEFAULT_MAX_PER_CLIENT;
    @Option(names = {"-max-pending-bytes", "--max-pending-bytes"}, paramLabel = "BYTES",
        description = "bytes all connections not yet activated may buffer together "
            + "(default " + HandshakeLimits.DEFAULT_MAX_BUFFERED_BYTES + ")")
    int maxBufferedBytes = HandshakeLimits.DEFAULT_MAX_BUFFERED_BYTES;
    @Option(names = {"-ntls-port", "--ntls-port"}, paramLabel = "PORT", description = "NTLS TCP "
        + "port (default 1792; 0 = any free port); NTLS runs once sysconf regenCert was done")
    int ntlsPort = NtlsStart.DEFAULT_PORT;
    @Option(names = {"-no-ntls", "--no-ntls"}, description = "do not start the NTLS service")
    boolean noNtls;
    @Option(names = {"-stc-tls", "--stc-tls"}, description = "STC inside TLS: the STC port accepts"
        + " TLS only, with the server certificate (sysconf regenCert); clients add the server with"
        + " clientconfig addserver -c server.pem")
    boolean stcTls;
    @Option(names = {"-htl-port", "--htl-port"}, paramLabel = "PORT", description = "HTL TCP port "
        + "(default 1867; 0 = any free port); HTL runs with NTLS")
    int htlPort = org.openstc.command.HtlBodies.DEFAULT_PORT;
    @Option(names = {"-no-htl", "--no-htl"}, description = "do not start the HTL service "
        + "(-requirehtl clients are then refused)")
    boolean noHtl;
    @Option(names = {"-ssh-port", "--ssh-port"}, paramLabel = "PORT", description = "SSH admin "
        + "service port (default 22 when it can be bound; 0 = any free port)")
    Integer sshPort;
    @Option(names = {"-ssh-idle", "--ssh-idle"}, paramLabel = "SECONDS", description = "close SSH "
        + "sessions idle this long (default 1800; 0 = never; at most 86400)")
    long sshIdle = SshService.DEFAULT_IDLE.toSeconds();
    @Option(names = {"-no-ssh", "--no-ssh"}, description = "do not start the SSH admin service")
    boolean noSsh;
    @Parameters(arity = "0..1", paramLabel = "ssh", description = "ssh: start the SSH service of"
        + " the running service (after service stop ssh)")
    String only;
    private SshControl ssh;
    private org.openstc.partition.ntls.NtlsService ntls;
    private org.openstc.partition.ntls.HtlServer htl;
    @Option(names = {"-handshake-threads", "--handshake-threads"}, paramLabel = "N",
        description = "threads that run OPEN and ACTIVATE (default: half the cores, at least 1)")
    Integer handshakeThreads;
    @Option(names = {"-inline-us", "--inline-us"}, paramLabel = "MICROSECONDS", description = "I/O-"
        + "thread time each read batch of a channel may spend on commands answered at once (cached-key"
        + " crypto, ECHO) before the rest go to the workers (default 500; 0 = all on the workers; at"
        + " most 100000)")
    long inlineMicros = ServerConfig.DEFAULT_INLINE_BUDGET_NANOS / 1000;
    @Option(names = {"-log-size", "--log-size"}, paramLabel = "SIZE", description = "largest "
        + "size of each log file under HOME/log, bytes or with K, M, G (default 10M)")
    String logSize = "10M";
    @Option(names = {"-log-files", "--log-files"}, paramLabel = "N", description = "log files "
        + "kept: host.log and host.log.1.. (default " + RollingLog.DEFAULT_FILES + ")")
    int logFiles = RollingLog.DEFAULT_FILES;
    @Mixin SoLogin so;

    Start(CliContext ctx) {
      super(ctx);
    }

    /** The server settings these options describe. */
    ServerConfig config() {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("-port must be 0..65535 (0 = any free port), not " + port);
      }
      if (htlPort < 0 || htlPort > 65535) {
        throw new IllegalArgumentException("-htl-port must be 0..65535 (0 = any free port), not "
            + htlPort);
      }
      if (ntlsPort < 0 || ntlsPort > 65535) {
        throw new IllegalArgumentException("-ntls-port must be 0..65535 (0 = any free port), not "
            + ntlsPort);
      }
      if (idleSeconds < 0) {
        throw new IllegalArgumentException("-idle must be 0 (never) or more seconds, not "
            + idleSeconds);
      }
      if (bind.isBlank() || bind.length() > HostNames.MAX_LENGTH) {
        throw new IllegalArgumentException("-bind must be an address or host name of 1.."
            + HostNames.MAX_LENGTH + " characters");
      }
      if (inlineMicros < 0 || inlineMicros > MAX_INLINE_MICROS) {
        throw new IllegalArgumentException("-inline-us must be 0.." + MAX_INLINE_MICROS
            + " microseconds, not " + inlineMicros);
      }
      HandshakeLimits limits = HandshakeLimits.defaults();
      limits = new HandshakeLimits(preOpenSeconds,
          maxPending == null ? limits.maxPending() : maxPending, maxPerSource,
          handshakeThreads == null ? limits.threads() : handshakeThreads, maxPerPartition,
          maxPerClient, maxBufferedBytes);
      return ServerConfig.defaults(bind, port).withIdleTimeoutSeconds(idleSeconds)
          .withHandshakes(limits).withInlineBudgetNanos(inlineMicros * 1000);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      if (SshControl.only(only)) {
        SshControl.running(dir);
        out().println("SSH service listening on port " + SshControl.requestStart(dir));
        return;
      }
      Optional<ServiceState> running = ServiceState.read(dir).filter(ServiceState::alive);
      if (running.isPresent()) {
        throw new CliException(ExitCode.BUSY, "the service already runs for " + dir + " (pid "
            + running.get().pid() + ", port " + running.get().port() + ")");
      }
      ServerConfig config;
      long logBytes;
      try {
        config = config();
        logBytes = RollingLog.parseSize(logSize);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage());
      }
      Duration idle = SshStart.idle(sshIdle);
      try (HostStore store = open(); RollingLog log = openLog(dir, logBytes)) {
        String by = activate(dir, store);
        if (stcTls) {
          config = config.withTls(NtlsStart.stcInsideTls(store));
        }
        System.setErr(log.printStream()); // slf4j-simple writes to whatever System.err is now
        PartitionHost host = PartitionHost.start(store, config, CryptoProviders.tuned());
        ServiceState state = ServiceState.ofThisProcess(bind, host.port(), Instant.now().toString());
        long pid = state.pid();
        state.write(dir);
        HandshakeLimits l = config.handshakes();
        out().println("Host activated by " + by + "; the master key is held in this process's memory only.");
        out().println("STC service listening on " + bind + ":" + host.port() + " (pid " + pid
            + ", home " + dir + (stcTls ? ", inside TLS" : "") + ")");
        out().printf("handshake limits: pre-OPEN timeout %d s, %d pending, %d pending per source,"
            + " %d threads, %d opened per partition, %d opened per client, %d pending bytes"
            + " (descriptor limit %d: accepting pauses at %d open connections)%n",
            l.preOpenTimeoutSeconds(), l.maxPending(), l.maxPerSource(), l.threads(),
            l.maxPerPartition(), l.maxPerClient(), l.maxBufferedBytes(),
            HandshakeLimits.maxFileDescriptors(), host.server().connectionCap());
        out().printf("log: %s (%d files of %d bytes at most)%n",
            dir.resolve(RollingLog.DIR).resolve(RollingLog.FILE), logFiles, logBytes);
        htl = noNtls || noHtl ? null : NtlsStart.startHtl(store, htlPort, out());
        ntls = noNtls ? null : NtlsStart.start(store, dir, ntlsPort, htl, out());
        ssh = SshControl.start(store, bind, sshPort, idle, noSsh, out());
        out().flush();
        ScheduledExecutorService counters = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "stc-service-counters");
          t.setDaemon(true);
          return t;
        });
        counters.scheduleWithFixedDelay(() -> state.withCounters(host.server()).tryWrite(dir),
            ServiceState.COUNTERS_SECONDS, ServiceState.COUNTERS_SECONDS, TimeUnit.SECONDS);
        counters.scheduleWithFixedDelay(ssh::poll, SshControl.POLL_MILLIS, SshControl.POLL_MILLIS,
            TimeUnit.MILLISECONDS);
        awaitShutdown(host, dir, pid, counters);
      }
    }

    private RollingLog openLog(Path dir, long bytes) throws CliException {
      try {
        return RollingLog.open(dir, bytes, logFiles);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, e.getMessage());
      } catch (java.io.IOException e) {
        throw new CliException(ExitCode.ERROR, "cannot open the log under " + dir + ": "
            + e.getMessage());
      }
    }

    /**
     * Unseals {@code store}: the SO logged in to this shell, else the credential on the command
     * line, else auto-activation if enabled, else a prompt. Returns who activated it.
     */
    private String activate(Path dir, HostStore store) throws Exception {
      Optional<MasterKey> logged = SoSession.key(dir);
      if (logged.isPresent()) {
        store.unseal(logged.get());
        return "the HSM SO logged in to this shell";
      }
      if (!so.given()) {
        Optional<MasterKey> auto = AutoActivation.unseal(dir);
        if (auto.isPresent()) {
          store.unseal(auto.get());
          auto.get().destroy();
          return "auto-activation (key file; no HSM SO)";
        }
      }
      MasterKey key = so.unsealNow(ctx, dir);
      store.unseal(key);
      key.destroy();
      return "the HSM SO";
    }

    /** Blocks until the JVM is asked to stop, then closes the server before the store. */
    private void awaitShutdown(PartitionHost host, Path dir, long pid,
        ScheduledExecutorService counters) throws InterruptedException {
      CountDownLatch stopped = new CountDownLatch(1);
      CountDownLatch closed = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        stopped.countDown();
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "stc-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      stopped.await();
      counters.shutdownNow();
      counters.awaitTermination(5, TimeUnit.SECONDS); // no rewrite of service.json after remove
      if (ntls != null) {
        ntls.close();
        NtlsServiceState.remove(dir);
      }
      ssh.close();
      if (htl != null) {
        htl.close();
      }
      host.close();
      ServiceState.remove(dir, pid);
      out().println("STC service stopped.");
      out().flush();
      closed.countDown();
    }
  }

  @Command(name = "status", description = "Whether the service runs, and where: stc (default), "
      + "ntls or all.")
  static final class Status extends HostCommand {
    @Mixin Options.Json json;
    @Parameters(arity = "0..1", paramLabel = "SERVICE",
        description = "stc (default), ntls, ssh or all")
    String which = "stc";

    Status(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      String w = which.toLowerCase(java.util.Locale.ROOT);
      if (!w.equals("stc") && !w.equals("ntls") && !w.equals("ssh") && !w.equals("all")) {
        throw new CliException(ExitCode.USAGE, "service status " + which + ": expected stc, ntls,"
            + " ssh or all");
      }
      if (w.equals("ntls")) {
        ServiceRestart.status(ctx, dir, json.json);
        return;
      }
      if (w.equals("ssh")) {
        SshControl.status(dir, json.json ? ctx::printJson : null, out());
        return;
      }
      Optional<ServiceState> state = ServiceState.read(dir).filter(ServiceState::alive);
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("running", state.isPresent() && accepts(state.get()));
      state.ifPresent(s -> {
        view.put("pid", s.pid());
        view.put("bind", s.bind());
        view.put("port", s.port());
        view.put("started", s.started());
        view.put("pendingHandshakes", s.pendingHandshakes());
        view.put("handshakeFailures", s.handshakeFailures());
        SshStart.recordedPort(dir).ifPresent(p -> view.put("sshPort", p));
      });
      if (json.json) {
        ctx.printJson(view);
      } else if (state.isPresent()) {
        out().printf("STC service: %s (pid %d, %s:%d, started %s)%n",
            (Boolean) view.get("running") ? "running" : "not accepting connections",
            state.get().pid(), state.get().bind(), state.get().port(), state.get().started());
        out().printf("handshakes pending: %d; refused or failed since start (as of %d s ago at "
            + "most): %s%n", state.get().pendingHandshakes(), ServiceState.COUNTERS_SECONDS,
            state.get().handshakeFailures() == null || state.get().handshakeFailures().isEmpty()
                ? "none" : state.get().handshakeFailures());
        out().println("SSH service: " + (view.containsKey("sshPort") ? "port " + view.get("sshPort")
            : "not running"));
      } else {
        out().println("STC service: stopped");
      }
      if (w.equals("all") && !json.json) {
        try {
          ServiceRestart.status(ctx, dir, false);
        } catch (CliException e) {
          // NTLS down is shown by its line; the exit code follows STC.
        }
      }
      if (!(Boolean) view.get("running")) {
        throw new CliException(ExitCode.NOT_RUNNING, "the STC service is not running for " + dir);
      }
    }

    private static boolean accepts(ServiceState s) {
      String host = "0.0.0.0".equals(s.bind()) || "::".equals(s.bind()) ? "127.0.0.1" : s.bind();
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, s.port()), 2000);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
  }

  @Command(name = "stop", description = "Stop the running service (its channels are closed "
      + "with an alert).")
  static final class Stop extends HostCommand {
    @Parameters(arity = "0..1", paramLabel = "ssh", description = "ssh: stop only the SSH service"
        + " (until service start ssh)")
    String only;

    Stop(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      if (SshControl.only(only)) {
        SshControl.running(dir);
        SshControl.requestStop(dir, out());
        return;
      }
      Optional<ServiceState> recorded = ServiceState.read(dir);
      Optional<ProcessHandle> running = recorded.flatMap(ServiceState::process);
      if (running.isEmpty()) {
        String stale = recorded.isPresent() && ServiceState.removeStale(dir)
            ? " (removed a stale service record for pid " + recorded.get().pid() + ": that "
                + "process is gone or is not the service; nothing was signalled)" : "";
        throw new CliException(ExitCode.NOT_RUNNING, "the STC service is not running for " + dir
            + stale);
      }
      ServiceState s = recorded.get();
      ProcessHandle p = running.get();
      if (p.pid() == ProcessHandle.current().pid()) {
        throw new CliException(ExitCode.NOT_PERMITTED, "over SSH this would end the service that"
            + " runs this session: stop it on the host itself, or use service stop ssh");
      }
      p.destroy();
      try {
        p.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new CliException(ExitCode.ERROR, "service (pid " + s.pid() + ") did not stop "
            + "within 15 s");
      }
      out().println("STC service stopped (pid " + s.pid() + ").");
    }
  }
}
