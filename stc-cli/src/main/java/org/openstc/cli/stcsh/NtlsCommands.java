package org.openstc.cli.stcsh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.HostNames;
import org.openstc.cli.common.Options;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.NtlsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ntls show|bind|ipcheck|tcp_keepalive}: the NTLS service settings, kept in the host store
 * and applied when the service (re)starts ({@code service start}).
 */
@Command(name = "ntls", description = "The NTLS service (certificate-authenticated TLS links).",
    subcommands = {NtlsCommands.Show.class, NtlsCommands.Bind.class, NtlsCommands.Ipcheck.class,
        NtlsCommands.Keepalive.class})
final class NtlsCommands implements Runnable {
  static final String RESTART = "You must restart the NTLS service (service restart / service "
      + "start) for this to take effect.";

  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Changes the settings in the store and prints them. */
  static NtlsSettings update(HostCommand c, UnaryOperator<NtlsSettings> change) throws Exception {
    try (HostStore store = c.open()) {
      return store.ntls().updateSettings(change);
    }
  }

  @Command(name = "show", description = "Binding, ipcheck, keepalive and the server certificate.")
  static final class Show extends HostCommand {
    @Mixin Options.Json json;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        NtlsSettings s = store.ntls().settings();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("bind", s.bind());
        view.put("ipcheck", s.ipcheck());
        view.put("tcpKeepaliveIdle", s.idleSeconds());
        view.put("tcpKeepaliveInterval", s.intervalSeconds());
        view.put("tcpKeepaliveProbes", s.probes());
        view.put("serverCertificate", store.ntlsServerKey().certificate().isPresent());
        if (json.json) {
          ctx.printJson(view);
          return;
        }
        out().println("NTLS bound to network device or IP address: " + s.bind()
            + ("0.0.0.0".equals(s.bind()) ? " (all)" : ""));
        out().println("NTLS client source IP validation: " + (s.ipcheck() ? "Enabled" : "Disabled"));
        out().printf("TCP keepalive: idle %d s, interval %d s, probes %d%n", s.idleSeconds(),
            s.intervalSeconds(), s.probes());
        out().println("Server certificate: " + (store.ntlsServerKey().certificate().isPresent()
            ? "present" : "none (run sysconf regenCert)"));
      }
    }
  }

  @Command(name = "bind", description = "The address NTLS listens on (all = 0.0.0.0).")
  static final class Bind extends HostCommand {
    @Option(names = {"-address", "--address", "-device"}, required = true, paramLabel = "A",
        description = "an IP address or host name of this host, or 'all'")
    String address;
    @Option(names = {"-force", "--force"}, description = "accepted for scripts; no prompt is asked")
    boolean force;

    Bind(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      String a = "all".equalsIgnoreCase(address) ? "0.0.0.0" : address;
      if (!HostNames.valid(a)) {
        throw new CliException(ExitCode.USAGE, "-address: " + HostNames.RULE);
      }
      update(this, s -> s.withBind(a));
      out().println("Success: NTLS binding set to " + address + ".");
      out().println(RESTART);
    }
  }

  @Command(name = "ipcheck", description = "Client source IP validation: enable | disable | show.")
  static final class Ipcheck extends HostCommand {
    @Parameters(index = "0", paramLabel = "enable|disable|show")
    String action;

    Ipcheck(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      switch (action.toLowerCase(java.util.Locale.ROOT)) {
        case "enable", "disable" -> {
          boolean on = action.equalsIgnoreCase("enable");
          update(this, s -> s.withIpcheck(on));
          out().println("NTLS client source IP validation " + (on ? "enabled." : "disabled."));
          out().println(RESTART);
        }
        case "show" -> {
          try (HostStore store = open()) {
            out().println("NTLS client source IP validation: "
                + (store.ntls().settings().ipcheck() ? "Enabled" : "Disabled"));
          }
        }
        default -> throw new CliException(ExitCode.USAGE, "ipcheck takes enable, disable or show,"
            + " not " + action);
      }
    }
  }

  @Command(name = "tcp_keepalive", description = "TCP keepalive of NTLS links: set | show.")
  static final class Keepalive extends HostCommand {
    @Parameters(index = "0", paramLabel = "set|show")
    String action;
    @Option(names = {"-idle", "--idle"}, description = "seconds idle before probing, 10..10000 "
        + "(default 10)")
    Integer idle;
    @Option(names = {"-interval", "--interval"}, description = "seconds between probes, 10..360 "
        + "(default 10)")
    Integer interval;
    @Option(names = {"-probes", "--probes"}, description = "probes before the link is dropped, "
        + "1..30 (default 2)")
    Integer probes;

    Keepalive(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      NtlsSettings s;
      if ("set".equalsIgnoreCase(action)) {
        if (idle == null && interval == null && probes == null) {
          throw new CliException(ExitCode.USAGE, "give -idle, -interval and/or -probes");
        }
        s = update(this, old -> old.withKeepalive(idle == null ? old.idleSeconds() : idle,
            interval == null ? old.intervalSeconds() : interval,
            probes == null ? old.probes() : probes));
        out().println("NOTICE: The NTLS service must be restarted for new settings to take effect.");
      } else if ("show".equalsIgnoreCase(action)) {
        try (HostStore store = open()) {
          s = store.ntls().settings();
        }
      } else {
        throw new CliException(ExitCode.USAGE, "tcp_keepalive takes set or show, not " + action);
      }
      out().printf("TCP keepalive: idle %d s, interval %d s, probes %d%n", s.idleSeconds(),
          s.intervalSeconds(), s.probes());
    }
  }
}
