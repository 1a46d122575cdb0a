package org.openstc.cli.stcsh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code service} group: run the STC service in the foreground, query it, stop it. */
@Command(name = "service", description = "The STC service (the partition host's server).",
    subcommands = {ServiceCommands.Start.class, ServiceCommands.Status.class,
        ServiceCommands.Stop.class})
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
    @Option(names = {"-port", "--port"}, description = "TCP port (default 5656; 0 = any free port)")
    int port = ServerConfig.DEFAULT_PORT;
    @Option(names = {"-bind", "--bind"}, description = "address to listen on (default 0.0.0.0)")
    String bind = "0.0.0.0";
    @Option(names = {"-idle", "--idle"}, description = "close channels idle this many seconds "
        + "(default 900; 0 = never)")
    int idleSeconds = 900;

    Start(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      Optional<ServiceState> running = ServiceState.read(dir).filter(ServiceState::alive);
      if (running.isPresent()) {
        throw new CliException(ExitCode.BUSY, "the service already runs for " + dir + " (pid "
            + running.get().pid() + ", port " + running.get().port() + ")");
      }
      ServerConfig config = ServerConfig.defaults(bind, port).withIdleTimeoutSeconds(idleSeconds);
      try (HostStore store = open()) {
        PartitionHost host = PartitionHost.start(store, config, CryptoProviders.jca());
        long pid = ProcessHandle.current().pid();
        new ServiceState(pid, bind, host.port(), Instant.now().toString()).write(dir);
        out().println("STC service listening on " + bind + ":" + host.port() + " (pid " + pid
            + ", home " + dir + ")");
        out().flush();
        awaitShutdown(host, dir, pid);
      }
    }

    /** Blocks until the JVM is asked to stop, then closes the server before the store. */
    private void awaitShutdown(PartitionHost host, Path dir, long pid) throws InterruptedException {
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
      host.close();
      ServiceState.remove(dir, pid);
      out().println("STC service stopped.");
      out().flush();
      closed.countDown();
    }
  }

  @Command(name = "status", description = "Whether the service runs, and where.")
  static final class Status extends HostCommand {
    @Mixin Options.Json json;

    Status(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      Optional<ServiceState> state = ServiceState.read(dir).filter(ServiceState::alive);
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("running", state.isPresent() && accepts(state.get()));
      state.ifPresent(s -> {
        view.put("pid", s.pid());
        view.put("bind", s.bind());
        view.put("port", s.port());
        view.put("started", s.started());
      });
      if (json.json) {
        ctx.printJson(view);
      } else if (state.isPresent()) {
        out().printf("STC service: %s (pid %d, %s:%d, started %s)%n",
            (Boolean) view.get("running") ? "running" : "not accepting connections",
            state.get().pid(), state.get().bind(), state.get().port(), state.get().started());
      } else {
        out().println("STC service: stopped");
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
    Stop(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      ServiceState s = ServiceState.read(dir).filter(ServiceState::alive).orElseThrow(
          () -> new CliException(ExitCode.NOT_RUNNING, "the STC service is not running for "
              + dir));
      ProcessHandle p = ProcessHandle.of(s.pid()).orElseThrow();
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
