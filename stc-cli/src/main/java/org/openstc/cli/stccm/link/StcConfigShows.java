package org.openstc.cli.stccm.link;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.cli.stccm.link.StcConfigSettings.SettingCommand;
import org.openstc.client.Slot;
import org.openstc.stc.ChannelPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The stcconfig {@code ...show} commands (Partition SO): the partition's STC settings as it reports
 * them over the channel, as LunaCM-style sentences or, with {@code -json}, one object per command
 * (schemas in docs/stccm.md).
 */
final class StcConfigShows {
  private StcConfigShows() {}

  /** A {@code ...show} command: with {@code -json} prints {@code {"slot": n, <fields>}} instead. */
  abstract static class ShowCommand extends SettingCommand {
    @Mixin Options.Json json;

    ShowCommand(CliContext ctx) {
      super(ctx);
    }

    @Override
    final void run(Slot s, int n) throws Exception {
      ChannelPolicy p = s.settings();
      if (json.json) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("slot", n);
        fields(p, v);
        ctx.printJson(v);
      } else {
        text(p, n);
      }
    }

    /** The JSON fields after {@code slot}. */
    abstract void fields(ChannelPolicy p, Map<String, Object> v);

    abstract void text(ChannelPolicy p, int n);
  }

  @Command(name = "activationtimeoutshow", description = "Show the activation timeout (seconds).")
  static final class ActivationTimeoutShow extends ShowCommand {
    ActivationTimeoutShow(CliContext ctx) { super(ctx); }

    @Override
    void fields(ChannelPolicy p, Map<String, Object> v) {
      v.put("activationTimeoutSeconds", p.activationTimeoutSeconds());
    }

    @Override
    void text(ChannelPolicy p, int n) {
      print("The activation timeout for slot %d is %d seconds.", n, p.activationTimeoutSeconds());
    }
  }

  @Command(name = "ciphershow", description = "Show the allowed ciphers and whether payloads are encrypted.")
  static final class CipherShow extends ShowCommand {
    CipherShow(CliContext ctx) { super(ctx); }

    @Override
    void fields(ChannelPolicy p, Map<String, Object> v) {
      v.put("aesgcm", p.ciphers().contains(ChannelPolicy.Cipher.AESGCM));
      v.put("chachapoly", p.ciphers().contains(ChannelPolicy.Cipher.ChaChaPoly));
      v.put("integrityOnly", p.integrityOnly());
    }

    @Override
    void text(ChannelPolicy p, int n) {
      print("STC ciphers for slot %d:", n);
      print("  aesgcm      %s", SettingValues.onOff(p.ciphers().contains(ChannelPolicy.Cipher.AESGCM)));
      print("  chachapoly  %s", SettingValues.onOff(p.ciphers().contains(ChannelPolicy.Cipher.ChaChaPoly)));
      print("  none        %s (%s)", SettingValues.onOff(p.integrityOnly()), p.integrityOnly()
          ? "integrity-only: payloads in clear, every message authenticated" : "payloads encrypted");
    }
  }

  @Command(name = "hmacshow", description = "Show the allowed hashes.")
  static final class HmacShow extends ShowCommand {
    HmacShow(CliContext ctx) { super(ctx); }

    @Override
    void fields(ChannelPolicy p, Map<String, Object> v) {
      v.put("sha256", p.hashes().contains(ChannelPolicy.Hash.SHA256));
      v.put("sha512", p.hashes().contains(ChannelPolicy.Hash.SHA512));
    }

    @Override
    void text(ChannelPolicy p, int n) {
      print("STC hashes for slot %d:", n);
      print("  sha256  %s", SettingValues.onOff(p.hashes().contains(ChannelPolicy.Hash.SHA256)));
      print("  sha512  %s", SettingValues.onOff(p.hashes().contains(ChannelPolicy.Hash.SHA512)));
    }
  }

  @Command(name = "rekeythresholdshow", description = "Show the rekey threshold (million messages).")
  static final class RekeyThresholdShow extends ShowCommand {
    RekeyThresholdShow(CliContext ctx) { super(ctx); }

    @Override
    void fields(ChannelPolicy p, Map<String, Object> v) {
      v.put("rekeyThresholdMillions", p.rekeyThresholdMillions());
    }

    @Override
    void text(ChannelPolicy p, int n) {
      int v = p.rekeyThresholdMillions();
      print("The rekey threshold for slot %d is %d million messages%s.", n, v, v == 0 ? " (never rekey)" : "");
    }
  }

  @Command(name = "replaywindowshow", aliases = "rwsh", description = "Show the replay window size (commands).")
  static final class ReplayWindowShow extends ShowCommand {
    ReplayWindowShow(CliContext ctx) { super(ctx); }

    @Override
    void fields(ChannelPolicy p, Map<String, Object> v) {
      v.put("replayWindow", p.replayWindow());
    }

    @Override
    void text(ChannelPolicy p, int n) {
      print("The replay window size for slot %d is %d commands.", n, p.replayWindow());
    }
  }

  @Command(name = "maxsessionsshow", description = "Show the maximum number of open channels.")
  static final class MaxSessionsShow extends ShowCommand {
    MaxSessionsShow(CliContext ctx) { super(ctx); }

    @Override
    void fields(ChannelPolicy p, Map<String, Object> v) {
      v.put("maxSessions", p.maxSessions());
    }

    @Override
    void text(ChannelPolicy p, int n) {
      print("The maximum number of sessions for slot %d is %d.", n, p.maxSessions());
    }
  }
}
