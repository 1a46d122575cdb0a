package org.openstc.cli.stccm;

import java.nio.file.Path;
import org.openstc.cli.common.CliContext;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityKind;
import org.openstc.token.RegisteredPartition;
import org.openstc.token.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "partitionregister", aliases = "pr", description = "Register a partition identity (<serial>.pid) on the client token.")
final class PartitionRegister extends TokenCommand {
  @Option(names = {"-file", "--file"}, required = true, description = "the partition identity file")
  Path file;
  @Option(names = {"-label", "--label"}, description = "partition label (default: the file's)")
  String label;
  @Option(names = {"-hash", "--hash"}, description = "expected public key hash; refuse on mismatch")
  String hash;

  PartitionRegister(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    IdentityFile pid = IdentityFile.read(file, IdentityKind.PARTITION);
    try (Token token = open()) {
      RegisteredPartition p = token.registerPartition(pid, label, hash);
      out().printf("Partition identity %d successfully registered.%n", p.serial());
      out().printf("Public Key Hash (SHA-256): %s%n", p.fingerprint());
      if (hash == null) {
        out().println("Compare this hash with the one the Partition SO sent by another channel"
            + " (or use -hash).");
      }
    }
  }
}
