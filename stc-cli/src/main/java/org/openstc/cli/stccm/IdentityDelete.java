package org.openstc.cli.stccm;

import java.util.ArrayList;
import java.util.List;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.ExitCodes;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.Passwords;
import org.openstc.client.Deregistration;
import org.openstc.client.StcClient;
import org.openstc.token.ClientIdentity;
import org.openstc.token.RegisteredPartition;
import org.openstc.token.Token;
import org.openstc.token.TokenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code stc identitydelete}, in the vendor's order: deregister the client identity from each
 * registered partition it can reach, delete the registered partition identities, delete the client
 * identity. A partition that cannot be reached stops it (nothing deleted locally) unless
 * {@code -force}, which deletes locally anyway and names the registrations that remain.
 */
@Command(name = "identitydelete", aliases = "idd",
    description = "Deregister the client identity from its partitions, delete the registered "
        + "partition identities, then the client identity.")
final class IdentityDelete extends TokenCommand {
  @Mixin Options.Force force;
  @Mixin Options.PassphraseFile passphraseFile;

  IdentityDelete(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    char[] pass;
    try (Token token = open()) {
      ClientIdentity id = token.clientIdentity().orElseThrow(() -> new TokenException(
          TokenException.Reason.NO_IDENTITY, "the token has no client identity"));
      Confirmation.require(ctx, force.force, "Are you sure you want to delete the client identity "
          + id.label() + "? If the client identity is deleted, all the registered partitions will"
          + " be lost and will cause loss of service.");
      pass = unlockPassphrase(token, null, passphraseFile.file);
    }
    try (StcClient client = StcClient.open(ctx.home(homeOption.home), pass)) {
      deleteEverywhere(client);
    } finally {
      Passwords.wipe(pass);
    }
  }

  private void deleteEverywhere(StcClient client) throws Exception {
    String label = client.token().clientIdentity().orElseThrow().label();
    List<Deregistration> remaining = new ArrayList<>();
    for (Deregistration d : client.deregisterEverywhere()) {
      String where = "partition " + d.partition().serial() + " (" + d.partition().label() + ")";
      switch (d.outcome()) {
        case DEREGISTERED -> out().printf("Client identity %s deregistered from %s.%n", label, where);
        case WAS_NOT_REGISTERED -> out().printf("Client identity %s was not registered on %s.%n",
            label, where);
        default -> {
          out().printf("Could not deregister client identity %s from %s: %s%n", label, where,
              d.failure().getMessage());
          remaining.add(d);
        }
      }
    }
    if (!remaining.isEmpty() && !force.force) {
      throw new CliException(ExitCodes.of(remaining.get(0).failure()), "client identity " + label
          + " was not deleted: its registration remains on " + serials(remaining) + ". Retry when"
          + " the partitions are reachable, or use -force to delete it here anyway");
    }
    for (RegisteredPartition p : client.token().deleteIdentity()) {
      out().printf("Deregistered partition identity %d.%n", p.serial());
    }
    for (Deregistration d : remaining) {
      out().printf("The registration of client identity %s remains on partition %d (%s): ask its"
          + " Partition SO to run stcconfig clientderegister.%n", label, d.partition().serial(),
          d.partition().label());
    }
    out().printf("Successfully deleted client identity %s.%n", label);
  }

  private static String serials(List<Deregistration> ds) {
    List<String> out = new ArrayList<>();
    for (Deregistration d : ds) {
      out.add("partition " + d.partition().serial());
    }
    return String.join(", ", out);
  }
}
