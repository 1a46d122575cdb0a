package org.openstc.cli.stcsh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Passwords;
import org.openstc.partition.backup.BackupException;
import org.openstc.partition.backup.Manifest;
import org.openstc.partition.backup.PartitionBackup;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code partition backup} and {@code partition restore}: one partition (identity, objects,
 * registrations, roles, policies) to and from an encrypted file ({@link PartitionBackup}). Both
 * need the HSM SO, as the partition key leaves and enters under the master key; the backup
 * password is a secret of its own, from {@code -backup-password-file} or asked.
 */
final class PartitionBackupCommands {
  private PartitionBackupCommands() {}

  /** The options backup and restore share. */
  static final class FileOptions {
    @Option(names = {"-partition", "--partition"}, required = true, description = "partition name")
    String name;
    @Option(names = {"-file", "--file"}, required = true, paramLabel = "FILE",
        description = "the partition backup file")
    Path file;
    @Option(names = {"-backup-password-file", "--backup-password-file"}, paramLabel = "FILE",
        description = "the backup password is this file's first line (else it is asked)")
    Path passwordFile;
    @Option(names = {"-force", "--force"}, description = "replace an existing backup file; "
        + "replace an existing partition without asking for 'proceed'")
    boolean force;
  }

  @Command(name = "backup", description = "Write an encrypted backup of one partition (identity, "
      + "objects, registrations) to a file; needs the HSM SO; the service may run meanwhile.")
  static final class Backup extends HostCommand {
    @Mixin FileOptions options;
    @Mixin SoLogin so;

    Backup(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path file = options.file;
      BackupCommands.refuseExisting(file, options.force);
      try (HostStore store = openUnsealed(so)) {
        store.partitions().get(options.name); // refused before the password is asked
        char[] password = BackupCommands.backupPassword(ctx, options.passwordFile, true);
        try {
          Manifest m = PartitionBackup.create(store, options.name, file.toAbsolutePath(),
              password, store.hasher());
          out().printf("Partition backup of %s written to %s: %s%n", options.name, file,
              summary(m));
        } catch (IOException e) {
          throw BackupCommands.notWritten(file, e);
        } finally {
          Passwords.wipe(password);
        }
      }
    }
  }

  @Command(name = "restore", description = "Restore a partition from its backup, replacing the "
      + "partition of that name after checking all of the file; needs the HSM SO; the service "
      + "must be stopped.")
  static final class Restore extends HostCommand {
    @Mixin FileOptions options;
    @Mixin SoLogin so;
    @Option(names = {"-foreign", "--foreign"}, description = "restore a partition backed up on "
        + "another host (its key is wrapped under this host's master key)")
    boolean foreign;

    Restore(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path file = options.file;
      Path dir = resolveHome(home, ctx);
      BackupCommands.requireStopped(dir);
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCode.NOT_FOUND, "no backup file " + file);
      }
      try (HostStore store = openUnsealed(so)) {
        PartitionBackup.Opened opened = read(file);
        try {
          restore(store, opened);
        } catch (StoreException e) {
          throw new CliException(exitCode(e), e.getMessage() + "; nothing was changed");
        } finally {
          opened.destroy();
        }
      }
    }

    private PartitionBackup.Opened read(Path file) throws CliException {
      char[] password = BackupCommands.backupPassword(ctx, options.passwordFile, false);
      try {
        return PartitionBackup.read(file, password);
      } catch (BackupException e) {
        throw BackupCommands.refused(file, e);
      } catch (IOException e) {
        throw new CliException(ExitCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage()
            + "; nothing was changed");
      } finally {
        Passwords.wipe(password);
      }
    }

    private void restore(HostStore store, PartitionBackup.Opened opened) throws Exception {
      Manifest m = opened.manifest();
      store.partitionImages().checkHost(m.host(), foreign);
      Optional<PartitionRecord> existing = store.partitions().list().stream()
          .filter(p -> p.name().equals(options.name)).findFirst();
      if (existing.isPresent()) {
        PartitionRecord p = existing.get();
        Confirmation.require(ctx, options.force, "Partition " + p.name() + " (serial "
            + p.serial() + ", " + p.objectCount() + " objects, " + p.clientCount()
            + " registrations) will be replaced by the backup in " + options.file + ": "
            + summary(m) + ".");
      }
      store.partitionImages().restore(opened.image(), options.name, foreign);
      out().printf("Restored partition %s from %s: %s%n", options.name, options.file,
          summary(m));
    }
  }

  static String summary(Manifest m) {
    Manifest.Partition p = m.partitions().get(0);
    return String.format("partition %s (serial %d) of host %d, %d objects, %d registrations "
        + "(backup format %d, taken %s)", p.name(), p.serial(), m.host(), p.objects(),
        p.registrations(), m.format(), m.created());
  }
}
