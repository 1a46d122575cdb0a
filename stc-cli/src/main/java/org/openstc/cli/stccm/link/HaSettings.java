package org.openstc.cli.stccm.link;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.client.HaConfig;
import org.openstc.client.HaRecoveryMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The client-wide HA settings beside retry and interval: {@code hagroup recoverymode} (the
 * vendor's activeBasic | activeEnhanced) and {@code hagroup timeout} (the per-command failover
 * timeout, the vendor's 20 s by default). Every group opened afterwards uses them (docs/ha.md).
 */
final class HaSettings {
  private HaSettings() {}

  @Command(name = "recoverymode", description = "What a group keeps when every member is lost:"
      + " -mode activeBasic (the login ends) | activeEnhanced (kept; default).")
  static final class RecoveryMode extends LinkCommand {
    @Option(names = {"-mode", "--mode", "-m"}, required = true, paramLabel = "MODE") String mode;

    RecoveryMode(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      HaRecoveryMode m = HaRecoveryMode.parse(mode).orElseThrow(() -> new CliException(ExitCode.USAGE,
          "unknown recovery mode '" + mode + "': activeBasic or activeEnhanced"));
      HaConfig.load(home()).recoveryMode(m);
      out().printf("HA recovery mode has been set to %s%n", m.vendorName());
    }
  }

  @Command(name = "timeout", description = "Per-command failover timeout: -seconds S (1 to "
      + HaConfig.MAX_TIMEOUT_SECONDS + ", default 20).")
  static final class Timeout extends LinkCommand {
    @Option(names = {"-seconds", "--seconds", "-s"}, required = true, paramLabel = "S") int seconds;

    Timeout(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      HaConfig.load(home()).commandTimeout(seconds);
      out().printf("HA command timeout has been set to %d seconds%n", seconds);
    }
  }
}
