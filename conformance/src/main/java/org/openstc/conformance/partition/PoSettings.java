package org.openstc.conformance.partition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.command.StcSettings;
import org.openstc.command.StcSettings.Change;
import org.openstc.command.StcSettings.Setting;
import org.openstc.conformance.partition.PartitionTarget.Partition;
import org.openstc.conformance.partition.PartitionTarget.Profile;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.StcException;

/**
 * Gives the main partition a profile's settings for the duration of one case, through the command
 * protocol as the Partition SO ({@code -po-pin}), and puts the previous values back afterwards:
 * how the RETRY and integrity-only cases run against a host without dedicated profile partitions.
 */
final class PoSettings {
  private static final AtomicLong IDS = new AtomicLong(1_000_000);

  private PoSettings() {}

  /** Whether a profile can be had by changing settings (the rekey threshold in records cannot). */
  static boolean canConfigure(Profile profile) {
    return profile == Profile.RETRY || profile == Profile.INTEGRITY;
  }

  /** Applies the profile's settings; returns the changes that restore the previous ones. */
  static List<Change> apply(PartitionTarget t, Partition p, Profile profile, char[] pin)
      throws Exception {
    try (ActiveChannel ch = t.activate(p)) {
      login(ch, pin);
      ChannelPolicy before = StcSettings.decode(ok(ch, Requests.settingsShow(IDS.incrementAndGet())));
      List<Change> restore = new ArrayList<>();
      List<Change> changes = new ArrayList<>();
      if (profile == Profile.RETRY) {
        changes.add(new Change(Setting.CIPHER_CHACHAPOLY, 1));
        changes.add(new Change(Setting.CIPHER_AESGCM, 0));
        restore.add(new Change(Setting.CIPHER_AESGCM,
            before.ciphers().contains(ChannelPolicy.Cipher.AESGCM) ? 1 : 0));
        restore.add(new Change(Setting.CIPHER_CHACHAPOLY,
            before.ciphers().contains(ChannelPolicy.Cipher.ChaChaPoly) ? 1 : 0));
      } else {
        changes.add(new Change(Setting.INTEGRITY_ONLY, 1));
        restore.add(new Change(Setting.INTEGRITY_ONLY, before.integrityOnly() ? 1 : 0));
      }
      set(ch, changes);
      return restore;
    }
  }

  /** Puts the previous settings back. */
  static void restore(PartitionTarget t, Partition p, List<Change> restore, char[] pin)
      throws Exception {
    try (ActiveChannel ch = t.activate(p)) {
      login(ch, pin);
      set(ch, restore);
    }
  }

  private static void set(ActiveChannel ch, List<Change> changes)
      throws IOException, StcException, MalformedCommandException {
    for (Change c : changes) {
      ok(ch, Requests.settingSet(IDS.incrementAndGet(), c.setting(), c.value()));
    }
    ok(ch, Requests.logout(IDS.incrementAndGet()));
  }

  private static void login(ActiveChannel ch, char[] pin)
      throws IOException, StcException, MalformedCommandException {
    byte[] bytes = new String(pin).getBytes(StandardCharsets.UTF_8);
    try {
      ok(ch, Requests.login(IDS.incrementAndGet(), Role.PO, bytes));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static byte[] ok(ActiveChannel ch, CommandRequest request)
      throws IOException, StcException, MalformedCommandException {
    CommandResponse r = CommandResponse.decode(ch.call(request.encode()));
    if (!r.isOk() || r.requestId() != request.requestId()) {
      throw new IOException("-po-pin: " + request.opcode() + " failed: " + r);
    }
    return r.body();
  }
}
