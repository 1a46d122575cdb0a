package org.openstc.cli.stccm.link;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.HostNames;
import org.openstc.cli.common.Options;
import org.openstc.client.ClientConfig;
import org.openstc.client.ServerEntry;
import org.openstc.client.SlotEntry;
import org.openstc.client.StcTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code clientconfig} group: the partition hosts (servers) this client knows. */
@Command(name = "clientconfig", description = "The partition host servers this client connects to.",
    subcommands = {ClientConfigCommands.AddServer.class, ClientConfigCommands.ListServers.class,
        ClientConfigCommands.DeleteServer.class,
        org.openstc.cli.stccm.deploy.ClientConfigDeploy.class})
public final class ClientConfigCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "addserver", description = "Add a partition host: -n HOST[:PORT] (port default "
      + ServerEntry.DEFAULT_PORT + ").")
  static final class AddServer extends LinkCommand {
    @Option(names = {"-n", "--n", "-host", "--host"}, required = true, paramLabel = "HOST[:PORT]",
        description = "host name or address, optionally with :port ([v6]:port for IPv6)")
    String address;
    @Option(names = {"-label", "--label"}, description = "a name for the server (default: the host)")
    String label;
    @Option(names = {"-c", "-cert", "--cert"}, paramLabel = "FILE", description = "the host's "
        + "server.pem: STC to this host runs inside TLS that trusts this certificate only (the host"
        + " runs service start -stc-tls)")
    java.nio.file.Path cert;

    AddServer(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      HostPort hp = HostPort.parse(address);
      if (cert != null) {
        byte[] pem;
        try {
          pem = org.openstc.identity.internal.SmallFiles.read(cert);
        } catch (java.io.IOException e) {
          throw new CliException(ExitCode.IO_ERROR, "cannot read " + cert + ": " + e.getMessage());
        }
        StcTls.save(home(), hp.host(), pem); // per host: a host has one server certificate
      }
      ServerEntry e = ClientConfig.load(home()).addServer(hp.host(), hp.port(), label);
      out().printf("Server %s (%s) successfully added as server %d.%n", e.address(), e.label(), e.id());
      if (cert != null) {
        out().printf("STC to %s runs inside TLS with the certificate in %s.%n", e.host(),
            StcTls.file(home(), e.host()));
      }
      out().printf("Register its partitions (stc partitionregister), then run stc enable -id %d.%n",
          e.id());
    }
  }

  @Command(name = "listservers", description = "List the servers: id, host, port, label, STC enabled.")
  static final class ListServers extends LinkCommand {
    @Mixin Options.Json json;

    ListServers(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      ClientConfig config = ClientConfig.load(home());
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ServerEntry s : config.servers()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.id());
        row.put("host", s.host());
        row.put("port", s.port());
        row.put("label", s.label());
        row.put("stcEnabled", s.stcEnabled());
        row.put("stcInsideTls", java.nio.file.Files.exists(StcTls.file(home(), s.host())));
        row.put("slots", config.slots().stream().filter(e -> e.serverId() == s.id())
            .map(SlotEntry::slot).toList());
        rows.add(row);
      }
      if (json.json) {
        ctx.printJson(Map.of("servers", rows));
        return;
      }
      if (rows.isEmpty()) {
        out().println("No servers are registered (clientconfig addserver -n HOST[:PORT]).");
        return;
      }
      out().printf("%-4s %-28s %-6s %-20s %s%n", "ID", "Host", "Port", "Label", "STC");
      for (Map<String, Object> r : rows) {
        out().printf("%-4s %-28s %-6s %-20s %s%n", r.get("id"), r.get("host"), r.get("port"),
            r.get("label"), ((Boolean) r.get("stcEnabled") ? "enabled" : "disabled")
                + ((Boolean) r.get("stcInsideTls") ? " (inside TLS)" : ""));
      }
    }
  }

  @Command(name = "deleteserver", description = "Remove a server and its slots.")
  static final class DeleteServer extends LinkCommand {
    @Option(names = {"-id", "--id"}, required = true, description = "the server id (clientconfig listservers)")
    int id;

    DeleteServer(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      ClientConfig config = ClientConfig.load(home());
      List<SlotEntry> slots = config.slots().stream().filter(s -> s.serverId() == id).toList();
      ServerEntry e = config.deleteServer(id);
      slots.forEach(s -> session().drop(s.slot()));
      if (config.servers().stream().noneMatch(s -> s.host().equalsIgnoreCase(e.host()))) {
        StcTls.delete(home(), e.host());
      }
      out().printf("Server %d (%s) successfully removed%s.%n", e.id(), e.address(),
          slots.isEmpty() ? "" : " with its " + slots.size() + " slot(s)");
    }
  }

  /** {@code HOST[:PORT]} or {@code [V6]:PORT}. */
  record HostPort(String host, int port) {
    static HostPort parse(String text) throws CliException {
      String host = text.strip();
      String port = null;
      if (host.startsWith("[")) {
        int end = host.indexOf(']');
        if (end < 0) {
          throw new CliException(ExitCode.USAGE, "missing ] in " + text);
        }
        port = host.length() > end + 1 && host.charAt(end + 1) == ':' ? host.substring(end + 2) : null;
        host = host.substring(1, end);
      } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
        port = host.substring(host.indexOf(':') + 1);
        host = host.substring(0, host.indexOf(':'));
      }
      if (!HostNames.valid(host)) {
        throw new CliException(ExitCode.USAGE, "invalid host in '" + HostNames.shorten(text)
            + "': " + HostNames.RULE);
      }
      return new HostPort(host, port == null ? ServerEntry.DEFAULT_PORT : port(port, text));
    }

    private static int port(String port, String text) throws CliException {
      try {
        int p = Integer.parseInt(port);
        if (p >= 1 && p <= 65535) {
          return p;
        }
      } catch (NumberFormatException e) {
        // Reported below.
      }
      throw new CliException(ExitCode.USAGE, "invalid port in '" + text + "' (expected 1..65535)");
    }
  }
}
