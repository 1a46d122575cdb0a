package org.openstc.cli.stcsh;

import java.nio.file.Path;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.partition.store.AutoActivation;
import org.openstc.partition.store.Hsm;
import org.openstc.partition.store.MasterKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hsm autoactivation enable|disable} ({@code hsm show} says whether it is on): let the service start unattended, the master
 * key sealed to a host-local key file. Weaker than a sealed host: docs/partition-host.md.
 */
@Command(name = "autoactivation",
    description = "Unattended service start from a host-local key file (weaker; see the docs).",
    subcommands = {HsmAutoActivation.Enable.class, HsmAutoActivation.Disable.class})
final class HsmAutoActivation implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "enable", description = "Seal the master key to KEYFILE (owner-only, 32-4096 "
      + "random bytes the administrator placed, e.g. head -c 32 /dev/urandom). Needs the HSM SO.")
  static final class Enable extends HostCommand {
    @Option(names = {"-keyfile", "--keyfile"}, required = true, paramLabel = "KEYFILE",
        description = "the host-local auto-activation key file")
    Path keyFile;
    @Mixin SoLogin so;

    Enable(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      MasterKey key = so.unseal(ctx, dir);
      try {
        AutoActivation.enable(dir, key, keyFile);
      } finally {
        SoLogin.release(dir, key);
      }
      out().println("'hsm autoactivation enable' successful. The service now starts without the HSM SO"
          + " while " + keyFile.toAbsolutePath() + " is readable: protect it like the master key.");
    }
  }

  @Command(name = "disable", description = "Delete the auto-activation blob: the next service start needs the HSM SO.")
  static final class Disable extends HostCommand {
    Disable(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      Hsm.requireInitialized(dir);
      AutoActivation.disable(dir);
      out().println("'hsm autoactivation disable' successful.");
    }
  }
}
