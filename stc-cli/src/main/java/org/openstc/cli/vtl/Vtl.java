package org.openstc.cli.vtl;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.StcCommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vtl}, the client's NTLS tool (the vendor's {@code vtl}): the client certificate, the
 * server list with pinned server certificates, and what the links see. Commands are
 * case-insensitive and may be shortened ({@code vtl ver}). See docs/ntls.md.
 */
@Command(name = "vtl", description = "openstc NTLS client setup.",
    subcommands = {HelpCommand.class, VtlCommands.CreateCert.class, VtlCommands.AddServer.class,
        VtlCommands.DeleteServer.class, VtlCommands.ListServers.class, VtlCommands.Fingerprint.class,
        VtlSlots.Verify.class, VtlSlots.ListSlots.class, VtlHtl.class, VtlHaAdmin.class})
public final class Vtl implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(CliContext.system(), args));
  }

  public static int run(CliContext ctx, String... args) {
    return new StcCommandLine(Vtl.class, ctx).run(args.length == 0 ? new String[] {"help"} : args);
  }
}
