package org.openstc.cli.stccm;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.Options;
import org.openstc.token.Token;
import org.openstc.token.TokenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "tokendelete", aliases = "td", description = "Delete the client token with its identity and registered partitions.")
final class TokenDelete extends TokenCommand {
  @Mixin Options.Force force;

  TokenDelete(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    String label;
    try (Token token = open()) {
      label = token.info().label();
    } catch (TokenException e) {
      if (e.reason() != TokenException.Reason.CORRUPT) {
        throw e;
      }
      label = "in " + tokenHome().home() + " (damaged: " + e.getMessage() + ")";
    }
    Confirmation.require(ctx, force.force, "Are you sure you want to delete the client token "
        + label + "? The client identity and all registered partitions will be lost and STC links"
        + " using them will fail.");
    tokenHome().delete();
    out().println("Successfully deleted the client token " + label + ".");
  }
}
