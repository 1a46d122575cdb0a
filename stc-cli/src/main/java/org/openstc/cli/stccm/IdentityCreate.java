package org.openstc.cli.stccm;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.Passwords;
import org.openstc.cli.common.Progress;
import org.openstc.stc.KeyType;
import org.openstc.token.ClientIdentity;
import org.openstc.token.Token;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "identitycreate", aliases = "idc", description = "Create the client identity key pair on the token and export its public key.")
final class IdentityCreate extends TokenCommand {
  @Option(names = {"-label", "--label"}, required = true, description = "client identity label")
  String label;
  @Option(names = {"-keytype", "--keytype"}, defaultValue = "x25519", converter = KeyTypes.class,
      description = "x25519 (default), p521 or p256")
  KeyType keyType;
  @Mixin Options.Password password;
  @Mixin Options.PassphraseFile passphraseFile;

  IdentityCreate(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void execute() throws Exception {
    char[] passphrase = null;
    try (Token token = open()) {
      passphrase = unlockPassphrase(token, password.password, passphraseFile.file);
      ClientIdentity id;
      try (Progress p = Progress.of(ctx, Progress.KEY_DERIVATION).ticking()) {
        id = token.createIdentity(label, keyType, passphrase);
      }
      out().printf("Successfully created client identity %s (%s).%n", id.label(), id.keyType().label());
      out().printf("The public key was exported to %s%n",
          tokenHome().clientIdentitiesDir().resolve(id.label() + ".stcid"));
      out().printf("Public Key Hash (SHA-256): %s%n", id.fingerprint());
    } finally {
      Passwords.wipe(passphrase);
      Passwords.wipe(password.password);
    }
  }
}
