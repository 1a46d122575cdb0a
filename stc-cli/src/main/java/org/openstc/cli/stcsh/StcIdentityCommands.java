package org.openstc.cli.stcsh;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.ExportTarget;
import org.openstc.cli.common.Options;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code partition stcidentity export|show}: the partition identity clients register. */
@Command(name = "stcidentity", description = "The partition's STC identity.",
    subcommands = {StcIdentityCommands.Export.class, StcIdentityCommands.Show.class})
final class StcIdentityCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "export", description = "Write the partition identity file <serial>.pid.")
  static final class Export extends HostCommand {
    @Option(names = {"-partition", "--partition"}, required = true, description = "partition name")
    String name;
    @Option(names = {"-file", "--file"}, paramLabel = "F",
        description = "file or directory to write (default: <serial>.pid in the current directory)")
    String file;

    Export(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        IdentityFile pid = Partitions.identityFile(store.partitions().get(name));
        Optional<SshUser> ssh = SshUser.of(ctx);
        Path target = ssh.isPresent() ? inArea(ssh.get(), file == null ? pid.fileName() : file)
            : ExportTarget.resolve(file, pid.fileName());
        pid.write(target);
        out().printf("Successfully exported partition identity for partition %s to file: %s%n", name,
            ssh.isPresent() ? target.getFileName() : target);
        out().printf("Public Key Hash (SHA-256): %s%n", pid.fingerprint());
      }
    }
  }

  /** Over SSH the file is one of the account's area (scp fetches it from there), never a path. */
  private static Path inArea(SshUser user, String name) throws CliException {
    try {
      return FileArea.of(user.home(), user.account()).resolve(name);
    } catch (java.io.IOException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage() + " (over SSH -file names a file of "
          + "your area: paths are refused)");
    }
  }

  @Command(name = "show", description = "Show the partition identity and its hash.")
  static final class Show extends HostCommand {
    @Option(names = {"-partition", "--partition"}, required = true, description = "partition name")
    String name;
    @Mixin Options.Json json;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        PartitionRecord p = store.partitions().get(name);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("partition", p.name());
        d.put("serial", Long.toString(p.serial()));
        d.put("keyType", p.keyType().label());
        d.put("fingerprint", Partitions.identity(p).fingerprint());
        if (json.json) {
          ctx.printJson(d);
          return;
        }
        out().printf("Partition identity of %s (serial %d)%n", p.name(), p.serial());
        out().printf("Key Type: %s%n", p.keyType().label());
        out().printf("Public Key Hash (SHA-256): %s%n", d.get("fingerprint"));
      }
    }
  }
}
