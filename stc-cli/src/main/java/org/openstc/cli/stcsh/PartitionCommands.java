package org.openstc.cli.stcsh;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.Options;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.stc.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code partition} group: create, delete, resize (here), list, show, stcidentity, backup, restore. */
@Command(name = "partition", description = "Partitions of this host.",
    subcommands = {PartitionCommands.Create.class, PartitionCommands.Delete.class,
        PartitionViews.ListCommand.class, PartitionViews.Show.class,
        PartitionCommands.Resize.class, StcIdentityCommands.class,
        PartitionPolicyCommands.ShowPolicies.class, PartitionPolicyCommands.ChangePolicy.class,
        PartitionPolicyCommands.Activate.class, PartitionPolicyCommands.Deactivate.class,
        PartitionBackupCommands.Backup.class, PartitionBackupCommands.Restore.class})
final class PartitionCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", description = "Create a partition with a new identity key pair.")
  static final class Create extends HostCommand {
    // -p and -s stay the abbreviations they were before the HSM SO options (-password...) came
    @Option(names = {"-partition", "--partition", "-p"}, required = true, description = "partition name")
    String name;
    @Option(names = {"-size", "--size", "-s"}, required = true, description = "size in bytes")
    long size;
    @Option(names = {"-keytype", "--keytype"}, description = "identity key type: x25519 (default), p521, p256")
    String keyType = "x25519";
    @Mixin SoLogin so;

    Create(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      KeyType type = KeyTypeOption.parse(keyType);
      try (HostStore store = openUnsealed(so)) {
        PartitionRecord p = store.partitions().create(name, size, type);
        out().printf("Successfully created partition %s (serial %d, %d bytes, %s identity).%n",
            p.name(), p.serial(), p.sizeBytes(), type.label());
        out().printf("Public Key Hash (SHA-256): %s%n", Partitions.identity(p).fingerprint());
      }
    }
  }

  @Command(name = "delete", description = "Delete a partition with its objects, registrations and identity.")
  static final class Delete extends HostCommand {
    @Option(names = {"-partition", "--partition"}, required = true, description = "partition name")
    String name;
    @Mixin Options.Force force;

    Delete(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        PartitionRecord p = store.partitions().get(name);
        Confirmation.require(ctx, force.force, "Are you sure you want to delete partition " + name
            + " (serial " + p.serial() + ")? Its objects, client registrations and identity will be"
            + " lost, and its clients will lose service.");
        store.partitions().delete(name);
        out().printf("Successfully deleted partition %s.%n", name);
      }
    }
  }

  @Command(name = "resize", description = "Change a partition's size (never below what it uses).")
  static final class Resize extends HostCommand {
    @Option(names = {"-partition", "--partition"}, required = true, description = "partition name")
    String name;
    @Option(names = {"-size", "--size"}, required = true, description = "new size in bytes")
    long size;

    Resize(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        PartitionRecord p = store.partitions().resize(name, size);
        out().printf("Successfully resized partition %s to %d bytes (%d used, %d free).%n",
            p.name(), p.sizeBytes(), p.usedBytes(), p.freeBytes());
      }
    }
  }
}
