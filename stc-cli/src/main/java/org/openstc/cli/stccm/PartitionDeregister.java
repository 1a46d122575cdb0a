package org.openstc.cli.stccm;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.stccm.link.ClientSession;
import org.openstc.token.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "partitionderegister", aliases = "pd", description = "Remove a registered partition identity from the client token; its slot goes away.")
final class PartitionDeregister extends TokenCommand {
  @Option(names = {"-serial", "--serial"}, required = true, description = "partition serial")
  long serial;

  PartitionDeregister(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    try (Token token = open()) {
      token.deregisterPartition(serial);
    }
    out().printf("Partition identity %d successfully deregistered.%n", serial);
    Integer slot = ClientSession.partitionDeregistered(ctx, ctx.home(homeOption.home), serial);
    if (slot != null) {
      out().printf("Slot %d (partition %d) removed.%n", slot, serial);
    }
  }
}
