package org.openstc.cli.stccm.link;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.HtlRegisterOptions;
import org.openstc.client.Slot;
import org.openstc.client.StcClientException;
import org.openstc.command.HtlToken;
import org.openstc.command.MalformedCommandException;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.partition.store.HtlState;
import org.openstc.stc.PeerIdentity;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The HTL options of {@code stccm stcconfig clientregister} (docs/ntls.md, "HTL for STC
 * registrations"): the client tool's form of {@code stcsh client register ... -requirehtl}. The
 * host registers the client, marks it {@code -requirehtl} and, with {@code -generateott}, answers
 * the token file over the channel; it is written owner-only to {@code -ottfile} (default {@code
 * LABEL@SERIAL.ott} in the current directory) for the client's administrator to install.
 */
final class HtlRegistration {
  @Mixin HtlRegisterOptions options;
  @Option(names = {"-ottfile", "--ottfile"}, paramLabel = "PATH", description = "HTL: where the "
      + "token goes, a file or a directory (default: LABEL@SERIAL.ott in the current directory)")
  Path ottFile;

  /** Refuses HTL options without {@code -requirehtl} and an expiry out of range, before any I/O. */
  void check() throws CliException {
    options.check();
    if (ottFile != null && !options.generateOtt) {
      throw new CliException(ExitCode.USAGE, "-ottfile needs -generateott");
    }
  }

  boolean requireHtl() {
    return options.requireHtl;
  }

  /**
   * Registers {@code label} requiring HTL on {@code s} and writes its token (with {@code
   * -generateott}); returns where, or null.
   */
  Path register(Slot s, String label, PeerIdentity identity, String hash)
      throws StcClientException, CliException {
    byte[] file = s.registerClientHtl(label, identity, hash, options.expirySeconds(),
        options.generateOtt);
    try {
      if (!options.generateOtt) {
        return null;
      }
      String name = name(s, label);
      Path target = target(name);
      checkToken(file, name);
      try {
        OwnerOnlyFiles.write(target, file);
      } catch (IOException e) {
        throw new CliException(ExitCode.IO_ERROR, "client " + label + " is registered and its"
            + " token issued, but " + target + " cannot be written (" + e.getMessage() + "): issue"
            + " a new one with stcsh htl generateott -partition P -label " + label);
      }
      return target;
    } finally {
      SecretBytes.wipe(file);
    }
  }

  /** What the Partition SO does next: the host form's lines, and where the token is. */
  static void report(Slot s, String label, Path token, PrintWriter out) {
    String name = name(s, label);
    out.printf("Client %s requires HTL on this partition (HTL name %s).%n", label, name);
    if (token == null) {
      out.println("Issue its one-time token on the host: stcsh htl generateott -partition P"
          + " -label " + label);
      return;
    }
    out.printf("One-time token for client %s is ready to use.%n", name);
    out.printf("Written to %s: copy it to the client and run: stccm htl install -file %s%n",
        token.toAbsolutePath(), token.getFileName());
  }

  private static String name(Slot s, String label) {
    return HtlState.stcName(s.serial(), label);
  }

  private Path target(String name) {
    Path target = ottFile == null ? Path.of(name + ".ott") : ottFile;
    return Files.isDirectory(target) ? target.resolve(name + ".ott") : target;
  }

  /** The host answered a token file for this registration (never written otherwise). */
  private static void checkToken(byte[] file, String name) throws CliException {
    try {
      HtlToken t = HtlToken.decode(file);
      SecretBytes.wipe(t.token());
      if (!t.client().equals(name)) {
        throw new MalformedCommandException("it names " + t.client());
      }
    } catch (MalformedCommandException e) {
      throw new CliException(ExitCode.ERROR, "the host answered no valid token for " + name + ": "
          + e.getMessage());
    }
  }
}
