package org.openstc.cli.stcsh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.KdfCostOptions;
import org.openstc.cli.common.Options;
import org.openstc.partition.store.HostMigration;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Hsm;
import org.openstc.partition.store.MasterKey;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.SoSecret;
import org.openstc.partition.store.SshHostKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code hsm} group: initialise the host (the only way a host home is made), the HSM SO's
 * login, password and auto-activation, zeroization. docs/partition-host.md, "The sealed host".
 */
@Command(name = "hsm", description = "The host as an HSM: init, show, SO login, policies, backup, zeroize.",
    subcommands = {HsmCommands.Init.class, HsmShow.class, HsmLogin.Login.class,
        HsmLogin.Logout.class, HsmLogin.ChangePw.class, HsmCommands.Zeroize.class,
        HsmAutoActivation.class, HsmPolicyCommands.ShowPolicies.class,
        HsmPolicyCommands.ChangePolicy.class, BackupCommands.Backup.class, BackupCommands.Restore.class})
final class HsmCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final String REINIT_WARNING = "CAUTION: Are you sure you wish to re-initialize this HSM? All"
      + " partitions and data will be erased.";

  /** Refuses while the service runs on {@code dir}: it holds the store and the key. */
  static void requireServiceStopped(Path dir, String what) throws CliException {
    var running = ServiceState.read(dir).filter(ServiceState::alive);
    if (running.isPresent()) {
      throw new CliException(ExitCode.BUSY, "the service runs for " + dir + " (pid "
          + running.get().pid() + "): stop it before " + what);
    }
  }

  /** With the service stopped and after {@code proceed}: logs the SO out and zeroizes {@code dir}. */
  static void zeroizeAfterProceed(CliContext ctx, Path dir, boolean force, String what, String question)
      throws Exception {
    requireServiceStopped(dir, what);
    Confirmation.require(ctx, force, question);
    SoSession.logout(dir);
    Hsm.zeroize(dir);
  }

  @Command(name = "init", description = "Initialise the host: label, HSM SO password (or M of N "
      + "shares), a new sealed master key, no partitions, the Argon2id cost of every password the"
      + " host hashes. On an initialised host: zeroize first.")
  static final class Init extends HostCommand {
    @Option(names = {"-label", "--label"}, required = true, description = "HSM label (1-32 characters)")
    String label;
    @Option(names = {"-password", "--password"}, paramLabel = "P", arity = "0..1", fallbackValue = "",
        description = "new HSM SO password (prefer -password-file; asked twice if omitted)")
    char[] password;
    @Option(names = {"-password-file", "--password-file"}, paramLabel = "FILE",
        description = "read the new HSM SO password from the first line of FILE")
    Path passwordFile;
    @Option(names = {"-mofn", "--mofn"}, paramLabel = "M/N",
        description = "seal by N shares instead, any M of which unseal (2 <= M <= N <= 16)")
    String mofn;
    @Option(names = {"-sharedir", "--sharedir"}, paramLabel = "DIR",
        description = "with -mofn: where the N share files are written (owner-only)")
    Path shareDir;
    @Option(names = {"-sharepasswords", "--sharepasswords"}, paramLabel = "FILE",
        description = "with -mofn: the N holders' passwords, one per line (else asked twice each)")
    Path sharePasswords;
    @Option(names = {"-migrate", "--migrate"},
        description = "seal the clear master key of a home made by an older version, keeping its partitions")
    boolean migrate;
    @Mixin KdfCostOptions kdf;
    @Mixin Options.Force force;

    Init(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      int[] mn = mofn == null ? null : parseMofN(mofn);
      if (mn != null && shareDir == null) {
        throw new CliException(ExitCode.USAGE, "-mofn needs -sharedir DIR for the share files");
      }
      if (mn == null && (shareDir != null || sharePasswords != null)) {
        throw new CliException(ExitCode.USAGE, "-sharedir and -sharepasswords go with -mofn M/N");
      }
      PinHasher hasher = new PinHasher(kdf.costWarned(ctx.err()));
      if (Hsm.isInitialized(dir) && !migrate) {
        zeroizeAfterProceed(ctx, dir, force.force, "re-initialising the host", REINIT_WARNING);
      }
      SoSecret secret = mn == null
          ? SoSecret.password(passwordFile != null ? SoLogin.password(ctx, null, passwordFile, "")
              : org.openstc.cli.common.Passwords.getNew(ctx, password,
                  "Please enter a password for the HSM Administrator: "))
          : SoSecret.newShares(mn[0], shareDir.toAbsolutePath(),
              SoLogin.holderPasswords(ctx, sharePasswords, mn[1], true));
      MasterKey key = null;
      try {
        key = migrate ? HostMigration.migrate(dir, label, secret, hasher)
            : Hsm.init(dir, label, secret, hasher);
        try (HostStore store = HostStore.open(dir)) {
          SshHostKey.wipe(store.unseal(key).sshHostKey().loadOrCreate()); // sysconf fingerprint ssh
        }
      } finally {
        secret.wipe();
        org.openstc.cli.common.Passwords.wipe(password);
        if (key != null) {
          key.destroy(); // as on the appliance: log in after init
        }
      }
      long serial = Hsm.record(dir).serial();
      if (mn != null) {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= mn[1]; i++) {
          files.add(SoSecret.shareFile(shareDir.toAbsolutePath(), serial, i, mn[1]));
        }
        out().printf("Wrote %d share files (any %d unseal); give each to its holder, off this host:%n",
            mn[1], mn[0]);
        files.forEach(f -> out().println("  " + f));
      }
      out().printf("'hsm %s' successful. HSM Label: %s, Serial #: %d%n", migrate ? "init -migrate" : "init",
          label, serial);
      out().println("The host is sealed: log in as HSM SO (hsm login) before partition create or"
          + " service start.");
    }

    static int[] parseMofN(String text) throws CliException {
      String[] parts = text.split("/");
      try {
        if (parts.length == 2) {
          int m = Integer.parseInt(parts[0].trim());
          int n = Integer.parseInt(parts[1].trim());
          if (m >= 2 && m <= n && n <= 16) {
            return new int[] {m, n};
          }
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new CliException(ExitCode.USAGE, "-mofn is M/N with 2 <= M <= N <= 16, e.g. 2/3; not " + text);
    }
  }

  @Command(name = "zeroize", description = "Destroy the master key, every partition and the "
      + "auto-activation blob, irrecoverably; shares become worthless. Then only hsm init works.")
  static final class Zeroize extends HostCommand {
    @Mixin Options.Force force;

    Zeroize(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      Hsm.record(dir);
      zeroizeAfterProceed(ctx, dir, force.force, "zeroizing the host", "CAUTION: Are you sure you"
          + " wish to zeroize this HSM? The master key and all partitions will be destroyed and"
          + " cannot be recovered.");
      out().println("'hsm zeroize' successful. The HSM is ZEROIZED: run hsm init to use it again.");
    }
  }
}
