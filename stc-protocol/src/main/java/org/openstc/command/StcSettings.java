package org.openstc.command;

import java.util.EnumSet;
import java.util.Set;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;
import org.openstc.stc.ChannelPolicy;

/**
 * The stcconfig settings commands. {@link Opcode#STC_SETTINGS_SHOW} answers {@code u32
 * activationTimeoutSeconds || u8 cipherMask || u8 hashMask || bool integrityOnly || u32
 * rekeyThresholdMillions || u32 replayWindow || u32 maxSessions} (masks: bit i = enum ordinal i).
 * {@link Opcode#STC_SETTING_SET} takes {@code u8 setting || u32 value}; the partition checks the
 * value against the setting's range.
 */
public final class StcSettings {
  private StcSettings() {}

  /** What one {@code ...set} command changes; booleans are 0/1 values. */
  public enum Setting {
    ACTIVATION_TIMEOUT(1), REPLAY_WINDOW(2), REKEY_THRESHOLD(3), MAX_SESSIONS(4),
    INTEGRITY_ONLY(5), CIPHER_AESGCM(6), CIPHER_CHACHAPOLY(7), HASH_SHA256(8), HASH_SHA512(9);

    private final int code;

    Setting(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static Setting fromCode(int code) throws MalformedCommandException {
      for (Setting s : values()) {
        if (s.code == code) {
          return s;
        }
      }
      throw new MalformedCommandException("unknown setting code " + code);
    }
  }

  /** One setting change. */
  public record Change(Setting setting, long value) {
    public byte[] encode() {
      return new WireWriter().u8(setting.code()).u32(value).toByteArray();
    }

    public static Change decode(byte[] body) throws MalformedCommandException {
      WireReader in = new WireReader(body);
      Change c = new Change(Setting.fromCode(in.u8()), in.u32());
      in.end();
      return c;
    }
  }

  public static byte[] encode(ChannelPolicy p) {
    return new WireWriter().u32(p.activationTimeoutSeconds()).u8(mask(p.ciphers()))
        .u8(mask(p.hashes())).bool(p.integrityOnly()).u32(p.rekeyThresholdMillions())
        .u32(p.replayWindow()).u32(p.maxSessions()).toByteArray();
  }

  /** Decodes and re-validates a policy; out-of-range values are malformed. */
  public static ChannelPolicy decode(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    try {
      ChannelPolicy p = ChannelPolicy.builder().activationTimeoutSeconds(clamp(in.u32()))
          .ciphers(unmask(in.u8(), ChannelPolicy.Cipher.class))
          .hashes(unmask(in.u8(), ChannelPolicy.Hash.class)).integrityOnly(in.bool())
          .rekeyThreshold(clamp(in.u32())).replayWindow(clamp(in.u32()))
          .maxSessions(clamp(in.u32())).build();
      in.end();
      return p;
    } catch (IllegalArgumentException e) {
      throw new MalformedCommandException(e.getMessage());
    }
  }

  private static <E extends Enum<E>> int mask(Set<E> set) {
    int m = 0;
    for (E e : set) {
      m |= 1 << e.ordinal();
    }
    return m;
  }

  private static <E extends Enum<E>> Set<E> unmask(int mask, Class<E> type)
      throws MalformedCommandException {
    Set<E> out = EnumSet.noneOf(type);
    for (E e : type.getEnumConstants()) {
      if ((mask & (1 << e.ordinal())) != 0) {
        out.add(e);
      }
    }
    if (mask >>> type.getEnumConstants().length != 0) {
      throw new MalformedCommandException("unknown bits in " + type.getSimpleName() + " mask");
    }
    return out;
  }

  private static int clamp(long v) {
    return (int) Math.min(v, Integer.MAX_VALUE);
  }
}
