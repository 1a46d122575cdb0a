package org.openstc.cli.stccm;

import java.nio.file.Path;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.ExportTarget;
import org.openstc.identity.IdentityFile;
import org.openstc.token.ClientIdentity;
import org.openstc.token.Token;
import org.openstc.token.TokenException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "identityexport", aliases = "ide", description = "Export the client identity public key to a file (or into a directory as <label>.stcid).")
final class IdentityExport extends TokenCommand {
  @Option(names = {"-file", "--file"}, required = true, description = "target file or directory")
  String file;

  IdentityExport(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    try (Token token = open()) {
      ClientIdentity id = token.clientIdentity().orElseThrow(() -> new TokenException(
          TokenException.Reason.NO_IDENTITY, "the token has no client identity (run stc identitycreate)"));
      IdentityFile f = IdentityFile.client(id.label(), id.identity());
      Path target = ExportTarget.resolve(file, f.fileName());
      f.write(target);
      out().printf("Successfully exported client identity %s to file: %s%n", id.label(), target);
      out().printf("Public Key Hash (SHA-256): %s%n", id.fingerprint());
    }
  }
}
