package org.openstc.cli.common;

import java.nio.file.Path;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityFileException;
import org.openstc.identity.IdentityKind;
import picocli.CommandLine.Option;

/**
 * The options of every command that registers a client identity on a partition (stcsh
 * {@code client register}, stccm {@code stcconfig clientregister}), and the one hash check they
 * share: a mismatch refuses before anything is registered.
 */
public final class ClientIdentityOptions {
  @Option(names = {"-label", "--label"}, required = true,
      description = "the client's label on the partition")
  public String label;
  @Option(names = {"-file", "--file"}, required = true, description = "the client identity file")
  public Path file;
  @Option(names = {"-hash", "--hash"}, description = "expected public key hash; refuse on mismatch")
  public String hash;

  /** Reads the client identity file and checks it against {@code -hash} when given. */
  public IdentityFile readChecked() throws IdentityFileException, CliException {
    IdentityFile id = IdentityFile.read(file, IdentityKind.CLIENT);
    if (hash != null && !id.identity().matchesFingerprint(hash)) {
      throw new CliException(ExitCode.HASH_MISMATCH, "hash mismatch: expected " + hash
          + " but the identity in " + file + " has " + id.fingerprint() + "; nothing registered");
    }
    return id;
  }
}
