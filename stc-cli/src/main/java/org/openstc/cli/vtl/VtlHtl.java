package org.openstc.cli.vtl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.client.HtlAgent;
import org.openstc.client.NtlsConfig;
import org.openstc.command.HtlBodies;
import org.openstc.identity.internal.SmallFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vtl htl start|show}: the client's HTL agent, which keeps the host trust link to one
 * server up in the foreground (run it as a service), and its last status.
 */
@Command(name = "htl", description = "The HTL agent: start | show.",
    subcommands = {VtlHtl.Start.class, VtlHtl.Show.class})
final class VtlHtl implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "start", description = "Keep the HTL link to a server up until stopped; "
      + "watches htl/SERVER.ott for a one-time token.")
  static final class Start extends VtlCommand {
    @Option(names = {"-n", "-name", "--name"}, required = true, paramLabel = "HOST")
    String name;
    @Option(names = {"-port", "--port"}, description = "HTL port (default 1867)")
    int port = HtlBodies.DEFAULT_PORT;
    @Option(names = {"-interval", "--interval"}, paramLabel = "S",
        description = "polling interval in seconds, 1..5 (default 5)")
    int interval = (int) HtlAgent.DEFAULT_INTERVAL.toSeconds();

    Start(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      if (port < 1 || port > 65535) {
        throw new CliException(ExitCode.USAGE, "-port must be 1..65535, not " + port);
      }
      if (interval < 1 || interval > 5) {
        throw new CliException(ExitCode.USAGE, "-interval must be 1..5 seconds, not " + interval);
      }
      NtlsConfig.Server s = config().server(name).orElseThrow(() -> new CliException(
          ExitCode.USAGE, "server " + name + " is not in the server list (vtl addServer)"));
      if (!s.htl()) {
        throw new CliException(ExitCode.USAGE, "server " + name + " was added without -htl: "
            + "HTL is not required on this link (vtl deleteServer, then vtl addServer -htl)");
      }
      CountDownLatch done = new CountDownLatch(1);
      try (HtlAgent agent = new HtlAgent(home(), name, port, Duration.ofSeconds(interval), line -> {
        out().println(Instant.now() + " HTL " + name + ": " + line);
        out().flush();
      })) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          agent.close();
          awaitQuietly(done);
        }));
        out().println("HTL agent for " + name + " started; token file " + agent.ottFile());
        out().flush();
        agent.run();
      } finally {
        done.countDown();
      }
    }

    private static void awaitQuietly(CountDownLatch done) {
      try {
        done.await(java.util.concurrent.TimeUnit.SECONDS.toMillis(5),
            java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Command(name = "show", description = "The HTL agent's last status for a server.")
  static final class Show extends VtlCommand {
    @Option(names = {"-n", "-name", "--name"}, required = true, paramLabel = "HOST")
    String name;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      NtlsConfig c = config();
      c.server(name).orElseThrow(() -> new CliException(ExitCode.USAGE, "server " + name
          + " is not in the server list"));
      Path status = c.htlDir().resolve(name + ".status");
      out().println("Server: " + name + "  HTL status: " + (Files.exists(status)
          ? new String(SmallFiles.read(status), StandardCharsets.UTF_8).trim() : "agent never ran"));
      out().println("One-time token file: " + c.htlDir().resolve(name + ".ott")
          + (Files.exists(c.htlDir().resolve(name + ".ott")) ? " (present)" : " (none)"));
    }
  }
}
