package org.openstc.cli.stccm;

import org.openstc.cli.common.Options;
import org.openstc.cli.stccm.link.StcLinkCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code stc} command group: the client token, its identity and the registered partitions. */
@Command(name = "stc", description = "Client token, client identity and partition identity registration.",
    subcommands = {TokenInit.class, TokenList.class, TokenDelete.class, IdentityCreate.class,
        IdentityShow.class, IdentityExport.class, IdentityDelete.class, PartitionRegister.class,
        PartitionDeregister.class, PartitionList.class, StcLinkCommands.Enable.class,
        StcLinkCommands.Disable.class, StcLinkCommands.Status.class, StcLinkCommands.Rekey.class})
final class StcCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  /** {@code stc} alone lists its commands. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
