package org.openstc.cli.stccm;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.Options;
import org.openstc.token.ClientIdentity;
import org.openstc.token.RegisteredPartition;
import org.openstc.token.Token;
import org.openstc.token.TokenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "identitydelete", aliases = "idd", description = "Delete the registered partition identities, then the client identity.")
final class IdentityDelete extends TokenCommand {
  @Mixin Options.Force force;

  IdentityDelete(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    try (Token token = open()) {
      ClientIdentity id = token.clientIdentity().orElseThrow(() -> new TokenException(
          TokenException.Reason.NO_IDENTITY, "the token has no client identity"));
      Confirmation.require(ctx, force.force, "Are you sure you want to delete the client identity "
          + id.label() + "? If the client identity is deleted, all the registered partitions will be"
          + " lost and will cause loss of service.");
      for (RegisteredPartition p : token.deleteIdentity()) {
        out().printf("Deregistered partition identity %d.%n", p.serial());
      }
      out().printf("Successfully deleted client identity %s.%n", id.label());
    }
  }
}
