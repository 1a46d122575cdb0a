package org.openstc.cli.stccm;

import picocli.CommandLine.Command;

/** The {@code stc} command group: the client token, its identity and the registered partitions. */
@Command(name = "stc", mixinStandardHelpOptions = true,
    description = "Client token, client identity and partition identity registration.",
    subcommands = {TokenInit.class, TokenList.class, TokenDelete.class, IdentityCreate.class,
        IdentityShow.class, IdentityExport.class, IdentityDelete.class, PartitionRegister.class,
        PartitionDeregister.class, PartitionList.class})
final class StcCommands {}
