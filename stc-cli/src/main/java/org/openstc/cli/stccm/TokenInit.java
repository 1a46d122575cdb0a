package org.openstc.cli.stccm;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.Passwords;
import org.openstc.cli.common.Progress;
import org.openstc.cli.common.TokenPassphrase;
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

  TokenInit(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    char[] passphrase = null;
    try {
      if (passphraseFile.file != null) {
        passphrase = TokenPassphrase.read(ctx, passphraseFile.file);
      } else if (password.password != null) {
        passphrase = Passwords.getNew(ctx, password.password, "Enter a token password: ");
      }
      TokenInfo info;
      try (Progress p = Progress.of(ctx, Progress.KEY_DERIVATION).ticking()) {
        info = tokenHome().init(label, passphrase);
      }
      out().printf("Successfully initialized the client token %s (serial %s) in %s.%n",
          info.label(), info.serial(), tokenHome().tokenDir());
      out().println(info.passphraseProtected()
          ? "The identity private key will be encrypted under a key derived from the token password"
              + " (Argon2id)."
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
