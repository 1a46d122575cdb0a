package org.openstc.cli.stccm.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.client.Slot;
import org.openstc.identity.IdentityFile;
import org.openstc.token.RegisteredPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code stcconfig partitionidshow}: the current slot's partition identity as the partition reports
 * it over the channel, beside the partition identity (.pid) this client registered for that serial.
 * Different serials or hashes fail the command with exit 8 (hash mismatch) after the output.
 */
@Command(name = "partitionidshow", description = "Show the partition identity and its hash as the"
    + " partition reports it, compared with the registered .pid.")
final class PartitionIdShow extends RoleCommand {
  @Mixin Options.Json json;

  PartitionIdShow(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    Slot s = slot();
    IdentityFile reported = s.exportIdentity();
    Optional<RegisteredPartition> registered = session().client(home()).token().partition(s.serial());
    boolean match = registered.isPresent() && reported.serial() == s.serial()
        && registered.get().identity().equals(reported.identity());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("slot", s.number());
    v.put("serial", Long.toString(reported.serial()));
    v.put("label", reported.label());
    v.put("keyType", reported.keyType().label());
    v.put("fingerprint", reported.fingerprint());
    v.put("registeredLabel", registered.map(RegisteredPartition::label).orElse(null));
    v.put("registeredFingerprint", registered.map(RegisteredPartition::fingerprint).orElse(null));
    v.put("match", match);
    if (json.json) {
      ctx.printJson(v);
    } else {
      out().printf("Partition identity of slot %d (serial %d), as the partition reports it:%n",
          s.number(), reported.serial());
      out().printf("  Label :                     %s%n", reported.label());
      out().printf("  Key Type :                  %s%n", reported.keyType().label());
      out().printf("  Public Key Hash (SHA-256) : %s%n", reported.fingerprint());
      out().printf("Registered partition identity (.pid) for serial %d:%n", s.serial());
      out().printf("  Label :                     %s%n", v.get("registeredLabel"));
      out().printf("  Public Key Hash (SHA-256) : %s%n", v.get("registeredFingerprint"));
      out().println(match ? "The hashes match." : "The hashes DO NOT match.");
    }
    if (!match) {
      throw new CliException(ExitCode.HASH_MISMATCH, "the partition in slot " + s.number()
          + " reports identity " + reported.fingerprint() + " (serial " + reported.serial()
          + "), the registered .pid for serial " + s.serial() + " has "
          + registered.map(RegisteredPartition::fingerprint).orElse("no identity"));
    }
  }
}
