package org.openstc.cli.stcsh;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ClientIdentityOptions;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.command.ClientBodies;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.store.HostStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code client} group: bootstrap registration of clients on a partition, list, deregister. */
@Command(name = "client", description = "Client identities registered on a partition.",
    subcommands = {ClientCommands.Register.class, ClientCommands.ListCommand.class,
        ClientCommands.Deregister.class, NtlsClientCommands.Show.class,
        NtlsClientCommands.Delete.class, NtlsClientCommands.Fingerprint.class,
        NtlsClientCommands.AssignPartition.class, NtlsClientCommands.RevokePartition.class,
        NtlsClientCommands.HostIp.class})
final class ClientCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "register", description = "Register a client identity file (.stcid) on a "
      + "partition (STC: -partition -label -file, or -dir DIR for every .stcid file of DIR), or an "
      + "NTLS client by its certificate and address (-client NAME -hostname H | -ip A [-cert FILE]).")
  static final class Register extends HostCommand {
    @Option(names = {"-partition", "--partition", "-p"}, description = "partition name (STC form)")
    String name;
    @Option(names = {"-label", "--label"}, description = "the client's label on the partition")
    String label;
    @Option(names = {"-file", "--file"}, description = "the client identity file")
    java.nio.file.Path file;
    @Option(names = {"-hash", "--hash"}, description = "expected public key hash; refuse on mismatch")
    String hash;
    @Option(names = {"-dir", "--dir"}, paramLabel = "DIR",
        description = "register every .stcid file of DIR; one line per file, then a summary")
    Path dir;
    @Mixin NtlsClientCommands.RegisterOptions ntls;
    @Mixin SoLogin so; // -generateott seals the token with the master key

    Register(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      if (ntls.client != null) {
        NtlsClientCommands.register(this, ntls, so);
        return;
      }
      if (dir != null) {
        if (ntls.htl.requireHtl) {
          throw new CliException(ExitCode.USAGE, "-requirehtl registers one client: give -label "
              + "and -file, not -dir");
        }
        if (label != null || file != null || hash != null) {
          throw new CliException(ExitCode.USAGE, "give either -dir DIR or -label/-file, not both");
        }
        try (HostStore store = open()) {
          BulkRegistration.run(ctx, store, NtlsClientCommands.required(name, "-partition"), dir);
        }
        return;
      }
      ClientIdentityOptions client = new ClientIdentityOptions();
      client.label = NtlsClientCommands.required(label, "-label");
      client.file = NtlsClientCommands.required(file, "-file");
      client.hash = hash;
      NtlsClientCommands.required(name, "-partition");
      IdentityFile id = client.readChecked();
      ntls.htl.check();
      try (HostStore store = ntls.htl.generateOtt ? openUnsealed(so) : open()) {
        long serial = store.partitions().get(name).serial();
        store.registrations().register(serial, client.label, id.identity());
        out().printf("Client identity %s successfully registered on partition %s.%n",
            client.label, name);
        out().printf("Public Key Hash (SHA-256): %s%n", id.fingerprint());
        if (ntls.htl.requireHtl) {
          HtlCommands.requireStc(this, store, serial, client.label, ntls, out());
        }
      }
    }
  }

  @Command(name = "list", description = "List the clients registered on a partition (STC), or "
      + "without -partition the NTLS clients.")
  static final class ListCommand extends HostCommand {
    @Option(names = {"-partition", "--partition"}, description = "partition name")
    String name;
    @Mixin Options.Json json;

    ListCommand(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      if (name == null) {
        NtlsClientCommands.list(this);
        return;
      }
      try (HostStore store = open()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ClientBodies.Entry e : store.registrations().list(store.partitions().get(name).serial())) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("label", e.label());
          m.put("keyType", e.keyType().label());
          m.put("fingerprint", e.fingerprint());
          m.put("registered", Instant.ofEpochMilli(e.registeredMillis()).toString());
          rows.add(m);
        }
        print(rows);
      }
    }

    private void print(List<Map<String, Object>> rows) {
      if (json.json) {
        ctx.printJson(rows);
        return;
      }
      out().printf("%-24s %-7s %-64s %s%n", "Label", "Key", "Public Key Hash (SHA-256)", "Registered");
      for (Map<String, Object> r : rows) {
        out().printf("%-24s %-7s %-64s %s%n", r.get("label"), r.get("keyType"), r.get("fingerprint"), r.get("registered"));
      }
      out().printf("%d client(s) registered on partition %s.%n", rows.size(), name);
    }
  }

  @Command(name = "deregister", description = "Remove a client's registration from a partition.")
  static final class Deregister extends HostCommand {
    @Option(names = {"-partition", "--partition"}, required = true, description = "partition name")
    String name;
    @Option(names = {"-label", "--label"}, required = true, description = "the client's label")
    String label;

    Deregister(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.registrations().deregister(store.partitions().get(name).serial(), label);
        out().printf("Client identity %s successfully deregistered from partition %s.%n", label, name);
      }
    }
  }
}
