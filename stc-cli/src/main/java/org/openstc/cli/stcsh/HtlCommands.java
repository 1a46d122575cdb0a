package org.openstc.cli.stcsh;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.command.HtlToken;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.HtlSettings;
import org.openstc.partition.store.HtlState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code htl generateott|clearott|show|set}: the host side of HTL (docs/ntls.md, HTL; protocol
 * Part 4). One-time tokens are written to {@code NAME.ott} in the caller's file area (the host home
 * in single-admin mode) for the administrator to fetch (scp) and copy to the client; no token or
 * secret is ever printed.
 */
@Command(name = "htl", description = "Host trust links: one-time tokens against cloned clients.",
    subcommands = {HtlCommands.GenerateOtt.class, HtlCommands.ClearOtt.class,
        HtlCommands.Show.class, HtlCommands.Set.class})
final class HtlCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code client register -partition ... -requirehtl}: the STC registration requires HTL. */
  static void requireStc(HostCommand c, HostStore store, long serial, String label,
      NtlsClientCommands.RegisterOptions o, PrintWriter out) throws Exception {
    String name = store.htl().requireStc(serial, label, o.htl.expirySeconds())
        .client();
    out.println("Client " + label + " requires HTL on this partition (HTL name " + name + ").");
    if (o.htl.generateOtt) {
      generate(c, store, name, out);
    }
  }

  /** The HTL name that {@code -client NAME} or {@code -partition P -label L} designates. */
  static String name(HostStore store, String client, String partition, String label)
      throws Exception {
    if ((client == null) == (partition == null || label == null)) {
      throw new CliException(ExitCode.USAGE, "give -client NAME (NTLS) or -partition P -label L"
          + " (STC)");
    }
    return client != null ? client
        : HtlState.stcName(store.partitions().get(partition).serial(), label);
  }

  /**
   * Draws a token for {@code client}, writes {@code client.ott} where its caller fetches it (the
   * caller's file area, or the host home in single-admin mode: {@link FileArea#forCaller}).
   */
  static void generate(HostCommand c, HostStore store, String client, PrintWriter out)
      throws Exception {
    HtlToken t = store.htl().generateOtt(client, System.currentTimeMillis());
    try {
      OwnerOnlyFiles.write(ottFile(c, store, client), t.encode());
    } finally {
      SecretBytes.wipe(t.token());
    }
    out.println("One-time token for client " + client + " is ready to use.");
    if (client.indexOf('@') >= 0) {
      out.println("Copy " + client + ".ott to the client and run: stccm htl install -file "
          + client + ".ott");
    }
  }

  static Path ottFile(HostCommand c, HostStore store, String client) throws CliException {
    return FileArea.forCaller(c, store.home(), client + ".ott");
  }

  /** Which client: {@code -client NAME} (NTLS) or {@code -partition P -label L} (STC). */
  static final class Target {
    @Option(names = {"-client", "--client", "-c"}, paramLabel = "NAME", description = "NTLS client")
    String client;
    @Option(names = {"-partition", "--partition"}, paramLabel = "P", description = "STC: partition")
    String partition;
    @Option(names = {"-label", "--label"}, paramLabel = "L", description = "STC: client label")
    String label;

    String name(HostStore store) throws Exception {
      return HtlCommands.name(store, client, partition, label);
    }
  }

  @Command(name = "generateott", description = "Write a new one-time token NAME.ott for a client"
      + " (-client NAME, or -partition P -label L for an STC registration: LABEL@SERIAL.ott).")
  static final class GenerateOtt extends HostCommand {
    @Mixin Target target;
    @Mixin SoLogin so; // the token is sealed by the master key

    GenerateOtt(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = openUnsealed(so)) {
        generate(this, store, target.name(store), out());
      }
    }
  }

  @Command(name = "clearott", description = "Forget a client's one-time token and remove NAME.ott.")
  static final class ClearOtt extends HostCommand {
    @Mixin Target target;

    ClearOtt(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        String client = target.name(store);
        store.htl().clearOtt(client);
        Files.deleteIfExists(ottFile(this, store, client));
        out().println("One-time token for client " + client + " cleared.");
      }
    }
  }

  @Command(name = "show", description = "Grace period, default OTT expiry, each HTL client's state.")
  static final class Show extends HostCommand {
    @Mixin Target target;
    @Mixin Options.Json json;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        String client = target.client == null && target.partition == null ? null
            : target.name(store);
        HtlSettings s = store.htl().settings();
        List<HtlState> rows = client == null ? store.htl().list()
            : List.of(store.htl().state(client).orElseThrow(() -> new CliException(ExitCode.USAGE,
                "client " + client + " does not require HTL (client register -requirehtl)")));
        long now = System.currentTimeMillis();
        if (json.json) {
          ctx.printJson(view(s, rows, now));
          return;
        }
        out().printf("HTL Grace period   :  %d seconds%n", s.graceSeconds());
        out().printf("Default OTT expiry :  %d seconds%n", s.defaultOttExpirySeconds());
        out().printf("%-20s%-15s%-15s%s%n", "Client Name", "HTL Status", "OTT Status",
            "OTT Expiry Time");
        out().println("-".repeat(65));
        for (HtlState r : rows) {
          out().printf("%-20s%-15s%-15s%s%n", r.client(), r.linkStatus(now, s.graceSeconds()),
              r.ottStatus(now), r.ottExpirySeconds() == 0
                  ? s.defaultOttExpirySeconds() + " (default)" : r.ottExpirySeconds());
        }
        for (HtlState r : rows) {
          if (r.cloneSuspected()) {
            out().println("Clone suspected    :  " + r.client() + " (a stale secret or a used "
                + "token was presented; htl generateott " + (r.stc() ? "-partition P -label L"
                : "-client " + r.client()) + " re-provisions)");
          }
        }
      }
    }
  }

  /** {@code htl show -json}: the settings and one object per client (docs/partition-host.md). */
  private static Map<String, Object> view(HtlSettings s, List<HtlState> rows, long now) {
    List<Map<String, Object>> clients = new ArrayList<>();
    for (HtlState r : rows) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("client", r.client());
      c.put("htlStatus", r.linkStatus(now, s.graceSeconds()));
      c.put("ottStatus", r.ottStatus(now));
      c.put("ottExpirySeconds", r.ottExpirySeconds() == 0 ? s.defaultOttExpirySeconds() : r.ottExpirySeconds());
      c.put("ottExpiryDefault", r.ottExpirySeconds() == 0);
      c.put("cloneSuspected", r.cloneSuspected());
      clients.add(c);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("gracePeriodSeconds", s.graceSeconds());
    view.put("defaultOttExpirySeconds", s.defaultOttExpirySeconds());
    view.put("clients", clients);
    return view;
  }

  @Command(name = "set", description = "htl set graceperiod|defaultottexpiry -seconds N",
      subcommands = {Grace.class, Expiry.class})
  static final class Set implements Runnable {
    @Mixin Options.Help help;
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }

  @Command(name = "graceperiod", description = "How long (0..3600 s) a down link may come back "
      + "with its last secret.")
  static final class Grace extends HostCommand {
    @Option(names = {"-seconds", "--seconds", "-s"}, required = true, paramLabel = "N")
    int seconds;

    Grace(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.htl().updateSettings(s -> new HtlSettings(seconds, s.defaultOttExpirySeconds()));
        out().println("HTL grace period set to " + seconds + " seconds.");
      }
    }
  }

  @Command(name = "defaultottexpiry", description = "How long (10..86400 s) a new one-time token "
      + "stays valid unless the client has its own -ottexpiry.")
  static final class Expiry extends HostCommand {
    @Option(names = {"-seconds", "--seconds", "-s"}, required = true, paramLabel = "N")
    int seconds;

    Expiry(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.htl().updateSettings(s -> new HtlSettings(s.graceSeconds(), seconds));
        out().println("Default OTT expiry set to " + seconds + " seconds.");
      }
    }
  }
}
