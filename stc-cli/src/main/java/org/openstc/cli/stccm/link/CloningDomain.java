package org.openstc.cli.stccm.link;

import java.nio.file.Path;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Passwords;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.client.Slot;
import org.openstc.client.StcClientException;
import org.openstc.command.Role;

/**
 * {@code partition init -domain [SECRET] | -domain-file FILE}: the partition's cloning domain
 * (CLONING_DOMAIN_SET, docs/protocol.md section 31a; the vendor's red PED key) set by the
 * Partition SO right after initialization. Partitions of one HA group share the secret.
 */
final class CloningDomain {
  private CloningDomain() {}

  static void checkOptions(char[] domain, Path file) throws CliException {
    if (domain != null && file != null) {
      throw new CliException(ExitCode.USAGE, "give -domain or -domain-file, not both");
    }
  }

  /** Logs the Partition SO in with {@code soPin} and sets the domain from the option, file or a prompt. */
  static void set(CliContext ctx, Slot slot, char[] soPin, char[] domain, Path file)
      throws CliException, StcClientException {
    char[] secret = file != null ? TokenPassphrase.read(ctx, file)
        : Passwords.getNew(ctx, domain, "Enter the cloning domain secret: ");
    try {
      if (secret.length == 0) {
        throw new CliException(ExitCode.USAGE, "the cloning domain secret is empty");
      }
      slot.login(Role.PO, soPin);
      try {
        slot.setCloningDomain(secret);
      } finally {
        slot.logout();
      }
    } finally {
      Passwords.wipe(secret);
    }
  }
}
