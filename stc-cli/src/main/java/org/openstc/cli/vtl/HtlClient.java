package org.openstc.cli.vtl;

import java.io.File;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.StcCommandLine;
import org.openstc.client.HtlAgent;
import org.openstc.client.HtlAgents;
import org.openstc.client.NtlsConfig;
import org.openstc.command.HtlBodies;
import org.openstc.identity.internal.SmallFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code htlclient}, the client's HTL daemon (the vendor's HTL client service, seed 001 step 12):
 * one {@link HtlAgent} for every server added with {@code vtl addServer -htl} ({@link HtlAgents},
 * which follows the server list while it runs), each watching {@code htl/SERVER.ott} and keeping
 * its link up. {@code start} runs it in the background (log
 * {@code htl/htlclient.log}), {@code stop} ends it, {@code status} shows it and each link, {@code
 * run} is the daemon in the foreground. See docs/ntls.md, HTL.
 */
@Command(name = "htlclient", description = "The HTL client daemon: start | stop | status | run.",
    subcommands = {HelpCommand.class, HtlClient.Run.class, HtlClient.Start.class,
        HtlClient.Stop.class, HtlClient.Status.class})
public final class HtlClient implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(new StcCommandLine(HtlClient.class, CliContext.system())
        .run(args.length == 0 ? new String[] {"help"} : args));
  }

  /** The servers whose links require HTL; refuses a home without any. */
  static List<NtlsConfig.Server> htlServers(NtlsConfig config) throws CliException {
    List<NtlsConfig.Server> out = config.servers().stream().filter(NtlsConfig.Server::htl).toList();
    if (out.isEmpty()) {
      throw new CliException(ExitCode.USAGE, "no server in the server list requires HTL "
          + "(vtl addServer -n HOST -c server.pem -htl)");
    }
    return out;
  }

  /** The polling options of run and start. */
  static final class Polling {
    @Option(names = {"-port", "--port"}, description = "HTL port (default 1867)")
    int port = HtlBodies.DEFAULT_PORT;
    @Option(names = {"-interval", "--interval"}, paramLabel = "S",
        description = "polling interval in seconds, 1..5 (default 5)")
    int interval = (int) HtlAgent.DEFAULT_INTERVAL.toSeconds();

    void check() throws CliException {
      if (port < 1 || port > 65535) {
        throw new CliException(ExitCode.USAGE, "-port must be 1..65535, not " + port);
      }
      if (interval < 1 || interval > 5) {
        throw new CliException(ExitCode.USAGE, "-interval must be 1..5 seconds, not " + interval);
      }
    }
  }

  @Command(name = "run", description = "Run the daemon in the foreground until stopped.")
  static final class Run extends VtlCommand {
    @Mixin Polling polling;

    Run(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      polling.check();
      NtlsConfig config = config();
      htlServers(config);
      HtlAgents agents = new HtlAgents(home(), polling.port, Duration.ofSeconds(polling.interval),
          (server, line) -> say(server == null ? "HTL client: " + line
              : "HTL " + server + ": " + line));
      int count = agents.refresh().size();
      HtlClientState me = HtlClientState.ofThisProcess();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        agents.close();
        me.remove(config.htlDir());
        stopped.countDown();
      }));
      me.write(config.htlDir());
      say("HTL client started (pid " + me.pid() + ") for " + count + " server(s); following "
          + "the server list");
      agents.run();
      stopped.await();
    }

    private synchronized void say(String line) {
      out().println(Instant.now() + " " + line);
      out().flush();
    }
  }

  @Command(name = "start", description = "Start the daemon in the background (log "
      + "htl/htlclient.log).")
  static final class Start extends VtlCommand {
    @Mixin Polling polling;

    Start(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      polling.check();
      NtlsConfig config = config();
      htlServers(config);
      Path dir = config.htlDir();
      Optional<HtlClientState> running = HtlClientState.read(dir)
          .filter(s -> s.process().isPresent());
      if (running.isPresent()) {
        throw new CliException(ExitCode.ALREADY_EXISTS, "the HTL client is already running (pid "
            + running.get().pid() + ")");
      }
      Files.createDirectories(dir);
      Path log = dir.resolve("htlclient.log");
      List<String> cmd = new ArrayList<>(List.of(
          ProcessHandle.current().info().command().orElse("java"),
          "--add-opens", "java.base/java.nio=ALL-UNNAMED",
          "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
          "-cp", System.getProperty("java.class.path"), HtlClient.class.getName(), "run",
          "-home", home().toString(), "-port", String.valueOf(polling.port),
          "-interval", String.valueOf(polling.interval)));
      Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(Redirect.appendTo(log.toFile()))
          .redirectInput(Redirect.from(new File("/dev/null"))).start();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < end && child.isAlive()) {
        if (HtlClientState.read(dir).filter(s -> s.pid() == child.pid()).isPresent()) {
          out().println("HTL client started (pid " + child.pid() + "); log " + log);
          return;
        }
        child.waitFor(100, TimeUnit.MILLISECONDS);
      }
      child.destroy();
      throw new CliException(ExitCode.ERROR, "the HTL client did not start (see " + log + ")");
    }
  }

  @Command(name = "stop", description = "Stop the background daemon; its links go down.")
  static final class Stop extends VtlCommand {
    Stop(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = config().htlDir();
      Optional<HtlClientState> s = HtlClientState.read(dir);
      ProcessHandle p = s.flatMap(HtlClientState::process).orElseThrow(() -> new CliException(
          ExitCode.NOT_RUNNING, "the HTL client is not running"
              + (s.isPresent() ? " (stale record of pid " + s.get().pid() + " ignored)" : "")));
      p.destroy();
      try {
        p.onExit().get(15, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new CliException(ExitCode.ERROR, "the HTL client (pid " + p.pid()
            + ") did not stop within 15 s");
      }
      Files.deleteIfExists(dir.resolve(HtlClientState.FILE));
      out().println("HTL client stopped (pid " + p.pid() + ").");
    }
  }

  @Command(name = "status", description = "Whether the daemon runs, and each HTL link's status.")
  static final class Status extends VtlCommand {
    Status(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      NtlsConfig config = config();
      Optional<HtlClientState> s = HtlClientState.read(config.htlDir())
          .filter(r -> r.process().isPresent());
      out().println("HTL client: " + s.map(r -> "running (pid " + r.pid() + ")")
          .orElse("not running"));
      List<NtlsConfig.Server> servers = config.servers().stream().filter(NtlsConfig.Server::htl)
          .toList();
      if (servers.isEmpty()) {
        out().println("No server in the server list requires HTL (vtl addServer -htl).");
      }
      for (NtlsConfig.Server server : servers) {
        Path status = config.htlDir().resolve(server.name() + ".status");
        Path ott = config.htlDir().resolve(server.name() + ".ott");
        out().println("Server " + server.name() + ": HTL status: " + (Files.exists(status)
            ? new String(SmallFiles.read(status), StandardCharsets.UTF_8).trim()
            : "never connected") + (s.isEmpty() ? " (last status; the client is not running)"
            : "") + "; token file " + ott
            + (Files.exists(ott) ? " (present)" : " (none)"));
      }
      if (s.isEmpty()) {
        throw new CliException(ExitCode.NOT_RUNNING, "the HTL client is not running "
            + "(htlclient start)");
      }
    }
  }
}
