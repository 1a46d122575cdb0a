package org.openstc.cli.stcsh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.Passwords;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.partition.backup.BackupException;
import org.openstc.partition.backup.HostBackup;
import org.openstc.partition.backup.Manifest;
import org.openstc.partition.store.HostStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hsm backup} and {@code hsm restore}: the whole host home to and from one encrypted file
 * ({@link HostBackup}). The backup password comes from {@code -password-file} (its first line) or
 * is asked for (twice for a backup).
 */
final class BackupCommands {
  private BackupCommands() {}

  /** The options backup and restore share. */
  static final class FileOptions {
    @Option(names = {"-file", "--file"}, required = true, paramLabel = "FILE",
        description = "the backup file")
    Path file;
    @Option(names = {"-password-file", "--password-file"}, paramLabel = "FILE",
        description = "the backup password is this file's first line (else it is asked)")
    Path passwordFile;
    @Option(names = {"-force", "--force"}, description = "replace an existing backup file; "
        + "restore without asking for 'proceed'")
    boolean force;

    /** The password from the file, else asked (twice for a new backup). The caller wipes it. */
    char[] password(CliContext ctx, boolean twice) throws CliException {
      return backupPassword(ctx, passwordFile, twice);
    }
  }

  /** The backup password: {@code file}'s first line, else asked (twice for a new backup). */
  static char[] backupPassword(CliContext ctx, Path file, boolean twice) throws CliException {
    if (file != null) {
      return TokenPassphrase.read(ctx, file);
    }
    return twice ? Passwords.getNew(ctx, null, "Backup password: ")
        : Passwords.get(ctx, null, "Backup password: ");
  }

  /** Refuses to replace an existing backup file without {@code -force}. */
  static void refuseExisting(Path file, boolean force) throws CliException {
    if (Files.exists(file) && !force) {
      throw new CliException(ExitCode.ALREADY_EXISTS, file + " exists; give -force to replace"
          + " it");
    }
  }

  static CliException notWritten(Path file, IOException e) {
    return new CliException(ExitCode.IO_ERROR, "cannot write the backup " + file + ": "
        + e.getMessage() + "; nothing was written");
  }

  /** A backup file that failed its checks (damaged, wrong password, another kind). */
  static CliException refused(Path file, Exception e) {
    return new CliException(ExitCode.INVALID_FILE, "the backup " + file + " was refused: "
        + e.getMessage() + "; nothing was changed");
  }

  /** Refuses a restore while the service runs for {@code dir}: it holds the store's keys. */
  static void requireStopped(Path dir) throws CliException {
    Optional<ServiceState> running = ServiceState.read(dir).filter(ServiceState::alive);
    if (running.isPresent()) {
      throw new CliException(ExitCode.BUSY, "the service runs for " + dir + " (pid "
          + running.get().pid() + "): stop it (service stop) before a restore; nothing was "
          + "changed");
    }
  }

  @Command(name = "backup", description = "Write an encrypted backup of the whole host (store "
      + "and key files) to a file; the service may run meanwhile.")
  static final class Backup extends HostCommand {
    @Mixin FileOptions options;

    Backup(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path file = options.file;
      refuseExisting(file, options.force);
      char[] password = options.password(ctx, true);
      try (HostStore store = open()) {
        Manifest m = HostBackup.create(store, file.toAbsolutePath(), password,
            store.hasher());
        out().printf("Backup written to %s: %s%n", file, summary(m));
      } catch (IOException e) {
        throw notWritten(file, e);
      } finally {
        Passwords.wipe(password);
      }
    }
  }

  @Command(name = "restore", description = "Replace the host's store and key files by those of a "
      + "backup, after checking all of it; the service must be stopped.")
  static final class Restore extends HostCommand {
    @Mixin FileOptions options;

    Restore(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path file = options.file;
      Path dir = resolveHome(home, ctx);
      requireStopped(dir);
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCode.NOT_FOUND, "no backup file " + file);
      }
      Confirmation.require(ctx, options.force, "The store and key files of " + dir
          + " will be replaced by those of " + file + " (the present ones are kept under " + dir
          + "/replaced-TIME).");
      char[] password = options.password(ctx, false);
      try {
        Manifest m = HostBackup.restore(file, password, dir);
        out().printf("Restored %s into %s: %s%n", file, dir, summary(m));
      } catch (BackupException | org.openstc.partition.store.StoreException e) {
        throw refused(file, e);
      } catch (IOException e) {
        throw new CliException(ExitCode.IO_ERROR, "cannot restore " + file + ": " + e.getMessage());
      } finally {
        Passwords.wipe(password);
      }
    }
  }

  static String summary(Manifest m) {
    return String.format("%d partitions, %d objects, %d registrations (backup format %d, taken "
        + "%s)", m.partitions().size(), m.objects(), m.registrations(), m.format(), m.created());
  }
}
