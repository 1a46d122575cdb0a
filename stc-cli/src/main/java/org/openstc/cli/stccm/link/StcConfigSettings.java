package org.openstc.cli.stccm.link;

import java.util.Locale;
import org.openstc.cli.common.CliContext;
import org.openstc.client.Slot;
import org.openstc.command.StcSettings.Setting;
import org.openstc.stc.ChannelPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The stcconfig settings pairs (Partition SO). Ranges are checked by the partition, whose refusal
 * names the range. Changes apply to channels opened afterwards. Cipher {@code none} is Luna's
 * "cipher disabled": {@code cipherenable -cipher none} switches the partition to integrity-only
 * channels, {@code cipherdisable -cipher none} back to encrypted ones.
 */
final class StcConfigSettings {
  private StcConfigSettings() {}

  /** A settings command: runs on the slot, prints the result for that slot. */
  abstract static class SettingCommand extends RoleCommand {
    SettingCommand(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected final void execute() throws Exception {
      Slot s = slot();
      run(s, s.number());
    }

    abstract void run(Slot s, int n) throws Exception;

    void print(String format, Object... args) {
      out().printf(format + "%n", args);
    }
  }

  @Command(name = "activationtimeoutset", description = "Set the activation timeout: 1..600 seconds.")
  static final class ActivationTimeoutSet extends SettingCommand {
    @Option(names = {"-time", "--time"}, required = true, paramLabel = "S", description = "seconds")
    long seconds;

    ActivationTimeoutSet(CliContext ctx) { super(ctx); }

    @Override
    void run(Slot s, int n) throws Exception {
      ChannelPolicy p = s.set(Setting.ACTIVATION_TIMEOUT, SettingValues.u32(seconds));
      print("Successfully changed the activation timeout for slot %d to %d seconds.", n,
          p.activationTimeoutSeconds());
    }
  }

  @Command(name = "cipherenable", description = "Allow a cipher: aesgcm, chachapoly, or none (integrity-only mode).")
  static final class CipherEnable extends SettingCommand {
    @Option(names = {"-cipher", "--cipher"}, required = true, paramLabel = "aesgcm|chachapoly|none")
    String cipher;

    CipherEnable(CliContext ctx) { super(ctx); }

    @Override
    void run(Slot s, int n) throws Exception {
      s.set(SettingValues.cipher(cipher), 1);
      print("Successfully enabled cipher %s for slot %d%s.", cipher.toLowerCase(Locale.ROOT), n,
          SettingValues.cipher(cipher) == Setting.INTEGRITY_ONLY ? " (new channels are integrity-only)" : "");
    }
  }

  @Command(name = "cipherdisable", description = "Disallow a cipher; -cipher none switches integrity-only mode off.")
  static final class CipherDisable extends SettingCommand {
    @Option(names = {"-cipher", "--cipher"}, required = true, paramLabel = "aesgcm|chachapoly|none")
    String cipher;

    CipherDisable(CliContext ctx) { super(ctx); }

    @Override
    void run(Slot s, int n) throws Exception {
      s.set(SettingValues.cipher(cipher), 0);
      print("Successfully disabled cipher %s for slot %d%s.", cipher.toLowerCase(Locale.ROOT), n,
          SettingValues.cipher(cipher) == Setting.INTEGRITY_ONLY ? " (new channels are encrypted)" : "");
    }
  }

  @Command(name = "hmacenable", description = "Allow a hash: sha256 or sha512.")
  static final class HmacEnable extends SettingCommand {
    @Option(names = {"-hash", "--hash"}, required = true, paramLabel = "sha256|sha512")
    String hash;

    HmacEnable(CliContext ctx) { super(ctx); }

    @Override
    void run(Slot s, int n) throws Exception {
      s.set(SettingValues.hash(hash), 1);
      print("Successfully enabled hash %s for slot %d.", hash.toLowerCase(Locale.ROOT), n);
    }
  }

  @Command(name = "hmacdisable", description = "Disallow a hash (one must stay allowed).")
  static final class HmacDisable extends SettingCommand {
    @Option(names = {"-hash", "--hash"}, required = true, paramLabel = "sha256|sha512")
    String hash;

    HmacDisable(CliContext ctx) { super(ctx); }

    @Override
    void run(Slot s, int n) throws Exception {
      s.set(SettingValues.hash(hash), 0);
      print("Successfully disabled hash %s for slot %d.", hash.toLowerCase(Locale.ROOT), n);
    }
  }

  @Command(name = "rekeythresholdset", description = "Set the rekey threshold: 0..4000 million messages (0 = never).")
  static final class RekeyThresholdSet extends SettingCommand {
    @Option(names = {"-value", "--value"}, required = true, paramLabel = "MILLIONS")
    long value;

    RekeyThresholdSet(CliContext ctx) { super(ctx); }

    @Override
    void run(Slot s, int n) throws Exception {
      ChannelPolicy p = s.set(Setting.REKEY_THRESHOLD, SettingValues.u32(value));
      print("Successfully changed the rekey threshold for slot %d to %d million messages.", n,
          p.rekeyThresholdMillions());
    }
  }

  @Command(name = "replaywindowset", aliases = "rwse", description = "Set the replay window size: 100..1000 commands.")
  static final class ReplayWindowSet extends SettingCommand {
    @Option(names = {"-size", "--size", "-s"}, required = true, paramLabel = "N",
        description = "commands in the window; -s is LunaCM's short form (not -slot here)")
    long size;

    ReplayWindowSet(CliContext ctx) { super(ctx); }

    @Override
    void run(Slot s, int n) throws Exception {
      ChannelPolicy p = s.set(Setting.REPLAY_WINDOW, SettingValues.u32(size));
      print("Successfully changed the replay window size for slot %d to %d commands.", n, p.replayWindow());
    }
  }

  @Command(name = "maxsessionsset", description = "Set the maximum number of open channels: 1..65535.")
  static final class MaxSessionsSet extends SettingCommand {
    @Option(names = {"-value", "--value"}, required = true, paramLabel = "N")
    long value;

    MaxSessionsSet(CliContext ctx) { super(ctx); }

    @Override
    void run(Slot s, int n) throws Exception {
      ChannelPolicy p = s.set(Setting.MAX_SESSIONS, SettingValues.u32(value));
      print("Successfully changed the maximum number of sessions for slot %d to %d.", n, p.maxSessions());
    }
  }
}
