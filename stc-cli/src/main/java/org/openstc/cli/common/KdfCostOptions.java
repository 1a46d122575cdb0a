package org.openstc.cli.common;

import java.io.PrintWriter;
import org.openstc.crypto.Argon2Cost;
import picocli.CommandLine.Option;

/**
 * {@code -kdf-memory KiB -kdf-passes N -kdf-lanes N}: the Argon2id cost of the passwords a new
 * host ({@code stcsh hsm init}) or a new token ({@code stccm stc tokeninit}) hashes, like
 * cryptsetup's {@code --pbkdf-memory}. Each defaults to RFC 9106's second recommended option
 * (64 MiB, 3 passes, 4 lanes); less than that is allowed down to Argon2's minimum (8 KiB per lane,
 * 1 pass) and prints {@link Argon2Cost#warning()}.
 */
public final class KdfCostOptions {
  @Option(names = {"-kdf-memory", "--kdf-memory"}, paramLabel = "KiB",
      description = "Argon2id memory in KiB for new passwords (default: 65536, RFC 9106)")
  public int memoryKiB = Argon2Cost.RECOMMENDED.memoryKiB();
  @Option(names = {"-kdf-passes", "--kdf-passes"}, paramLabel = "N",
      description = "Argon2id passes (default: 3)")
  public int passes = Argon2Cost.RECOMMENDED.passes();
  @Option(names = {"-kdf-lanes", "--kdf-lanes"}, paramLabel = "N",
      description = "Argon2id lanes (default: 4)")
  public int lanes = Argon2Cost.RECOMMENDED.lanes();

  /** The chosen cost; a usage error names the bound that was missed. */
  public Argon2Cost cost() throws CliException {
    try {
      return new Argon2Cost(memoryKiB, passes, lanes);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage() + " (-kdf-memory, -kdf-passes, -kdf-lanes)");
    }
  }

  /** The chosen cost, after its one-line warning on {@code err} when it is below the recommendation. */
  public Argon2Cost costWarned(PrintWriter err) throws CliException {
    Argon2Cost cost = cost();
    cost.warning().ifPresent(err::println);
    return cost;
  }
}
