package org.openstc.cli.stccm.link;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.ClientIdentityOptions;
import org.openstc.cli.common.Options;
import org.openstc.client.Slot;
import org.openstc.command.ClientBodies;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.internal.OwnerOnlyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code stcconfig} group: what the Partition SO configures over the channel (client
 * registrations, the partition identity export, and the STC settings in {@link StcConfigSettings}).
 */
@Command(name = "stcconfig", description = "STC configuration of the partition (Partition SO).",
    subcommands = {StcConfigCommands.ClientRegister.class, StcConfigCommands.ClientDeregister.class,
        StcConfigCommands.ClientList.class, StcConfigCommands.PartitionIdExport.class,
        PartitionIdShow.class,
        StcConfigShows.ActivationTimeoutShow.class, StcConfigSettings.ActivationTimeoutSet.class,
        StcConfigShows.CipherShow.class, StcConfigSettings.CipherEnable.class,
        StcConfigSettings.CipherDisable.class, StcConfigShows.HmacShow.class,
        StcConfigSettings.HmacEnable.class, StcConfigSettings.HmacDisable.class,
        StcConfigShows.RekeyThresholdShow.class, StcConfigSettings.RekeyThresholdSet.class,
        StcConfigShows.ReplayWindowShow.class, StcConfigSettings.ReplayWindowSet.class,
        StcConfigShows.MaxSessionsShow.class, StcConfigSettings.MaxSessionsSet.class})
public final class StcConfigCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "clientregister", description = "Register a client identity file (.stcid) on the partition.")
  static final class ClientRegister extends RoleCommand {
    @Mixin ClientIdentityOptions client;
    @Mixin HtlRegistration htl;

    ClientRegister(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      htl.check();
      IdentityFile id = client.readChecked();
      Slot s = slot();
      Path token = htl.requireHtl() ? htl.register(s, client.label, id.identity(), client.hash)
          : null;
      ClientBodies.Entry e = htl.requireHtl() ? s.registered(client.label)
          : s.registerClient(client.label, id.identity(), client.hash);
      out().printf("Client identity %s successfully registered on the partition in slot %d.%n",
          e.label(), s.number());
      out().printf("Public Key Hash (SHA-256): %s%n", e.fingerprint());
      if (client.hash == null) {
        out().println("Compare this hash with the one the client administrator sent by another"
            + " channel (or use -hash).");
      }
      if (htl.requireHtl()) {
        HtlRegistration.report(s, client.label, token, out());
      }
    }
  }

  @Command(name = "clientderegister", description = "Deregister a client; its open channels are closed.")
  static final class ClientDeregister extends RoleCommand {
    @Option(names = {"-label", "--label"}, required = true, description = "the client's label")
    String label;

    ClientDeregister(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Slot s = slot();
      s.deregisterClient(label);
      out().printf("Client identity %s successfully deregistered from the partition in slot %d.%n",
          label, s.number());
    }
  }

  @Command(name = "clientlist", description = "List the registered clients with their hashes.")
  static final class ClientList extends RoleCommand {
    @Mixin Options.Json json;

    ClientList(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Slot s = slot();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (ClientBodies.Entry e : s.listClients()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", e.label());
        r.put("keyType", e.keyType().label());
        r.put("fingerprint", e.fingerprint());
        r.put("registered", Instant.ofEpochMilli(e.registeredMillis()).toString());
        rows.add(r);
      }
      if (json.json) {
        ctx.printJson(Map.of("slot", s.number(), "clients", rows));
        return;
      }
      out().printf("Clients registered on the partition in slot %d: %d%n", s.number(), rows.size());
      for (Map<String, Object> r : rows) {
        out().printf("  %-20s %-6s %s  %s%n", r.get("label"), r.get("keyType"), r.get("fingerprint"),
            r.get("registered"));
      }
    }
  }

  @Command(name = "partitionidexport", description = "Write the partition identity (<serial>.pid),"
      + " by default into STC_HOME/partition_identities/.")
  static final class PartitionIdExport extends RoleCommand {
    @Option(names = {"-file", "--file"}, description = "output file or directory")
    Path file;

    PartitionIdExport(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Slot s = slot();
      IdentityFile id = s.exportIdentity();
      Path target;
      if (file == null || Files.isDirectory(file)) {
        Path dir = file == null ? home().resolve("partition_identities") : file;
        OwnerOnlyFiles.createDirectories(dir);
        target = id.writeTo(dir);
      } else {
        id.write(file);
        target = file;
      }
      out().printf("Partition identity of slot %d (serial %d) successfully exported to %s%n",
          s.number(), id.serial(), target.toAbsolutePath());
      out().printf("Public Key Hash (SHA-256): %s%n", id.fingerprint());
    }
  }
}
