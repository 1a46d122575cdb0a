package org.openstc.cli.common;

import org.openstc.partition.store.HtlSettings;
import picocli.CommandLine.Option;

/**
 * The HTL options of a client registration (docs/ntls.md, HTL): {@code stcsh client register}
 * (NTLS and STC forms) and {@code stccm stcconfig clientregister}, and the one check they share.
 */
public final class HtlRegisterOptions {
  @Option(names = {"-requirehtl", "--requirehtl"}, description = "the client needs its HTL "
      + "link up (NTLS), or must prove its HTL token or secret on each channel (STC); docs/ntls.md")
  public boolean requireHtl;
  @Option(names = {"-ottexpiry", "--ottexpiry"}, paramLabel = "SECONDS", description = "HTL: "
      + "how long a one-time token stays valid (10..86400; default htl set defaultottexpiry)")
  public Integer ottExpiry;
  @Option(names = {"-generateott", "--generateott"}, description = "HTL: issue the client's "
      + "one-time token now (NAME.ott)")
  public boolean generateOtt;

  /** {@code -ottexpiry} and {@code -generateott} need {@code -requirehtl}; the expiry's range. */
  public void check() throws CliException {
    if (!requireHtl && (ottExpiry != null || generateOtt)) {
      throw new CliException(ExitCode.USAGE, "-ottexpiry and -generateott need -requirehtl");
    }
    if (ottExpiry != null) {
      try {
        HtlSettings.checkExpiry(ottExpiry);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCode.USAGE, "-ottexpiry: " + e.getMessage());
      }
    }
  }

  /** The expiry to store: 0 for the host's default. */
  public int expirySeconds() {
    return ottExpiry == null ? 0 : ottExpiry;
  }
}
