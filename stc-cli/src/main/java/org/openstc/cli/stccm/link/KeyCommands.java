package org.openstc.cli.stccm.link;

import java.nio.file.Path;
import java.util.Locale;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.client.Slot;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.identity.internal.SmallFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code key} group: key objects in the partition of the current slot and the operations on
 * them (Crypto Officer creates and destroys, Crypto Officer or User uses; see partition contents).
 */
@Command(name = "key", description = "Key objects: generate, destroy, encrypt, decrypt, sign, verify.",
    subcommands = {KeyCommands.Generate.class, KeyCommands.Destroy.class, KeyCommands.Encrypt.class,
        KeyCommands.Decrypt.class, KeyCommands.Sign.class, KeyCommands.Verify.class})
public final class KeyCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "generate", description = "Generate a key: aes256 (encrypt/decrypt), ecp256 or ed25519 (sign/verify).")
  static final class Generate extends RoleCommand {
    @Option(names = {"-keytype", "--keytype"}, required = true, paramLabel = "aes256|ecp256|ed25519")
    String keyType;
    @Option(names = {"-label", "--label"}, required = true, description = "the object label")
    String label;

    Generate(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      ObjectType type = objectType(keyType);
      Slot s = slot();
      long handle = s.generate(type, label);
      out().printf("Generated %s key %s in slot %d: handle %d.%n", type.label(), label, s.number(), handle);
    }
  }

  static ObjectType objectType(String name) throws CliException {
    for (ObjectType t : ObjectType.values()) {
      if (t.isKey() && t.label().equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new CliException(ExitCode.USAGE, "unknown key type '" + name + "' (expected aes256, ecp256 or ed25519)");
  }

  @Command(name = "destroy", description = "Destroy a key object (Crypto Officer).")
  static final class Destroy extends RoleCommand {
    @Option(names = {"-handle", "--handle"}, required = true, description = "the object handle")
    long handle;

    Destroy(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Slot s = slot();
      s.destroy(handle);
      out().printf("Object %d destroyed in slot %d.%n", handle, s.number());
    }
  }

  /** A data operation on a key: {@code -handle H}, the input, optional {@code -out FILE}. */
  abstract static class DataCommand extends RoleCommand {
    @Option(names = {"-handle", "--handle"}, required = true, description = "the key handle")
    long handle;
    @ArgGroup(exclusive = true, multiplicity = "1")
    DataOptions.Input input;
    @Option(names = {"-out", "--out"}, paramLabel = "FILE", description = "write the result to a file (default: print hex)")
    Path out;

    DataCommand(CliContext ctx) {
      super(ctx);
    }
  }

  @Command(name = "encrypt", description = "Encrypt with an aes256 key (AES-256-GCM, Tink format).")
  static final class Encrypt extends DataCommand {
    Encrypt(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      byte[] data = input.read();
      DataOptions.emit(ctx, "Ciphertext", slot().encrypt(handle, data, new byte[0]), out, false);
    }
  }

  @Command(name = "decrypt", description = "Decrypt with an aes256 key.")
  static final class Decrypt extends DataCommand {
    Decrypt(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      byte[] data = input.read();
      DataOptions.emit(ctx, "Plaintext", slot().decrypt(handle, data, new byte[0]), out, true);
    }
  }

  @Command(name = "sign", description = "Sign with an ecp256 or ed25519 key.")
  static final class Sign extends DataCommand {
    Sign(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      byte[] data = input.read();
      DataOptions.emit(ctx, "Signature", slot().sign(handle, data), out, false);
    }
  }

  @Command(name = "verify", description = "Verify a signature; exit code 26 if it does not verify.")
  static final class Verify extends RoleCommand {
    @Option(names = {"-handle", "--handle"}, required = true, description = "the key handle")
    long handle;
    @ArgGroup(exclusive = true, multiplicity = "1")
    DataOptions.Input input;
    @Option(names = {"-signature", "--signature"}, paramLabel = "FILE", description = "the signature file")
    Path signatureFile;
    @Option(names = {"-sighex", "--sighex"}, paramLabel = "HEX", description = "the signature in hex")
    String signatureHex;

    Verify(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      if ((signatureFile == null) == (signatureHex == null)) {
        throw new CliException(ExitCode.USAGE, "give the signature with -signature FILE or -sighex HEX");
      }
      byte[] signature = signatureHex != null ? DataOptions.hex(signatureHex, "-sighex")
          : SmallFiles.read(signatureFile);
      byte[] data = input.read();
      Slot s = slot();
      if (!s.verify(handle, data, signature)) {
        throw new CliException(ExitCode.COMMAND_FAILED, "the signature does not verify with key "
            + handle + " in slot " + s.number());
      }
      out().printf("The signature verifies with key %d in slot %d.%n", handle, s.number());
    }
  }

  @Command(name = "random", description = "Random bytes from the partition (1..65536).")
  public static final class Random extends SlotCommand {
    @Option(names = {"-bytes", "--bytes"}, required = true, paramLabel = "N", description = "how many bytes")
    int bytes;
    @Option(names = {"-out", "--out"}, paramLabel = "FILE", description = "write them to a file (default: print hex)")
    Path out;

    Random(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      if (bytes < 1 || bytes > 65536) {
        throw new CliException(ExitCode.USAGE, "-bytes must be 1..65536");
      }
      DataOptions.emit(ctx, "Random", slot().random(bytes), out, false);
    }
  }
}
