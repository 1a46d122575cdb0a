package org.openstc.partition.store;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.openstc.command.StcSettings.Change;
import org.openstc.command.StcSettings.Setting;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.ChannelPolicy.Cipher;
import org.openstc.stc.ChannelPolicy.Hash;

/**
 * The one place where a partition's STC settings change, whoever asks (the Partition SO over the
 * channel with {@code stccm stcconfig ...set}, the host administrator with {@code stcsh stc ...
 * set}): the value rules (ranges are {@link ChannelPolicy}'s) and the audit line each change
 * leaves in the {@link AuditLog}.
 */
public final class SettingChanges {
  /** The audit file in the host home ({@link AuditLog#FILE}). */
  public static final String AUDIT_FILE = AuditLog.FILE;

  private SettingChanges() {}

  /**
   * Applies {@code c} to {@code old}. Throws IllegalArgumentException naming the setting and its
   * range when the value is out of range, or when a switch gets a value other than 0 or 1.
   */
  static ChannelPolicy apply(ChannelPolicy old, Change c) {
    if (isSwitch(c.setting()) && (c.value() < 0 || c.value() > 1)) {
      throw new IllegalArgumentException(c.setting() + " takes 0 (off) or 1 (on), not " + c.value());
    }
    int value = (int) Math.max(Integer.MIN_VALUE, Math.min(c.value(), Integer.MAX_VALUE));
    boolean on = c.value() == 1;
    ChannelPolicy.Builder b = old.toBuilder();
    ChannelPolicy.Builder changed = switch (c.setting()) {
      case ACTIVATION_TIMEOUT -> b.activationTimeoutSeconds(value);
      case REPLAY_WINDOW -> b.replayWindow(value);
      case REKEY_THRESHOLD -> b.rekeyThreshold(value);
      case MAX_SESSIONS -> b.maxSessions(value);
      case INTEGRITY_ONLY -> b.integrityOnly(on);
      case CIPHER_AESGCM -> b.ciphers(toggle(old.ciphers(), Cipher.AESGCM, on, Cipher.class));
      case CIPHER_CHACHAPOLY -> b.ciphers(toggle(old.ciphers(), Cipher.ChaChaPoly, on, Cipher.class));
      case HASH_SHA256 -> b.hashes(toggle(old.hashes(), Hash.SHA256, on, Hash.class));
      case HASH_SHA512 -> b.hashes(toggle(old.hashes(), Hash.SHA512, on, Hash.class));
    };
    return changed.build();
  }

  /** The setting's value in {@code p} (switches as 0 or 1), as show commands and the audit line give it. */
  public static long valueOf(ChannelPolicy p, Setting s) {
    return switch (s) {
      case ACTIVATION_TIMEOUT -> p.activationTimeoutSeconds();
      case REPLAY_WINDOW -> p.replayWindow();
      case REKEY_THRESHOLD -> p.rekeyThresholdMillions();
      case MAX_SESSIONS -> p.maxSessions();
      case INTEGRITY_ONLY -> p.integrityOnly() ? 1 : 0;
      case CIPHER_AESGCM -> p.ciphers().contains(Cipher.AESGCM) ? 1 : 0;
      case CIPHER_CHACHAPOLY -> p.ciphers().contains(Cipher.ChaChaPoly) ? 1 : 0;
      case HASH_SHA256 -> p.hashes().contains(Hash.SHA256) ? 1 : 0;
      case HASH_SHA512 -> p.hashes().contains(Hash.SHA512) ? 1 : 0;
    };
  }

  /**
   * Appends {@code setting <SETTING> of partition <name> (serial <n>) changed from <old> to <new>
   * by <who>} to the {@link AuditLog} with {@code who} as the account. The change is already
   * committed: a failure to write the line is reported as a store error so the caller knows the
   * audit is incomplete.
   */
  static void audit(Path home, PartitionRecord p, Setting s, long before, long after, String who)
      throws StoreException {
    String command = String.format("setting %s of partition %s (serial %d) changed from %d to %d by %s",
        s, p.name(), p.serial(), before, after, oneLine(who));
    AuditLog.append(home, oneLine(who), command, "0 (Success)");
  }

  /** A requester's description with line breaks removed, so one change stays one line. */
  private static String oneLine(String who) {
    return who.replaceAll("[\\r\\n\\p{Cntrl}]", "?");
  }

  private static <E extends Enum<E>> Set<E> toggle(Set<E> set, E e, boolean on, Class<E> type) {
    Set<E> out = EnumSet.noneOf(type);
    out.addAll(set);
    if (on) {
      out.add(e);
    } else {
      out.remove(e);
    }
    return out;
  }

  private static boolean isSwitch(Setting s) {
    return s.ordinal() >= Setting.INTEGRITY_ONLY.ordinal();
  }
}
