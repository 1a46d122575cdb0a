package org.openstc.cli.stccm;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.KdfCostOptions;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.Passwords;
import org.openstc.cli.common.Progress;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.crypto.Argon2Cost;
import org.openstc.token.TokenInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tokeninit", aliases = "ti", description = "Initialize the client token (token label, optional passphrase).")
final class TokenInit extends TokenCommand {
  @Option(names = {"-label", "--label"}, required = true, description = "token label")
  String label;
  @Mixin Options.Password password;
  @Mixin Options.PassphraseFile passphraseFile;
  @Mixin KdfCostOptions kdf;

  TokenInit(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    char[] passphrase = null;
    try {
      Argon2Cost cost = kdf.cost();
      if (passphraseFile.file == null && password.password == null
          && !cost.equals(Argon2Cost.RECOMMENDED)) {
        throw new CliException(ExitCode.USAGE, "-kdf-memory, -kdf-passes and -kdf-lanes set the cost"
            + " of a token password: give -password or -passphrase-file");
      }
      if (passphraseFile.file != null) {
        passphrase = TokenPassphrase.read(ctx, passphraseFile.file);
      } else if (password.password != null) {
        passphrase = Passwords.getNew(ctx, password.password, "Enter a token password: ");
      }
      if (passphrase != null && passphrase.length > 0) {
        cost.warning().ifPresent(ctx.err()::println);
      }
      TokenInfo info;
      try (Progress p = Progress.of(ctx, Progress.KEY_DERIVATION).ticking()) {
        info = tokenHome().init(label, passphrase, cost);
      }
      out().printf("Successfully initialized the client token %s (serial %s) in %s.%n",
          info.label(), info.serial(), tokenHome().tokenDir());
      out().println(info.passphraseProtected()
          ? "The identity private key will be encrypted under a key derived from the token password"
              + " (Argon2id, " + cost.describe() + ")."
          : "No token password: the identity private key will be encrypted under a random key kept"
              + " in " + tokenHome().tokenDir().resolve("kek") + ". Only the file permissions (0600,"
              + " owner only) protect it: anyone who can read that file as this user can use the"
              + " client identity. Use -password to protect it with a passphrase.");
    } finally {
      Passwords.wipe(passphrase);
      Passwords.wipe(password.password);
    }
  }
}
