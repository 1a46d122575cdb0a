package org.openstc.cli.stccm.link;

import java.util.Locale;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.command.StcSettings.Setting;

/** Option values of the stcconfig settings commands, checked before anything is sent. */
final class SettingValues {
  private SettingValues() {}

  /** A value for the wire's u32; the partition checks the setting's own range. */
  static long u32(long v) throws CliException {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new CliException(ExitCode.USAGE, "value " + v + " is out of range (0.." + 0xFFFF_FFFFL + ")");
    }
    return v;
  }

  static String onOff(boolean b) {
    return b ? "enabled" : "disabled";
  }

  /** {@code -cipher aesgcm|chachapoly|none} to the setting it switches. */
  static Setting cipher(String name) throws CliException {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "aesgcm": return Setting.CIPHER_AESGCM;
      case "chachapoly": return Setting.CIPHER_CHACHAPOLY;
      case "none": return Setting.INTEGRITY_ONLY;
      default: throw new CliException(ExitCode.USAGE, "unknown cipher '" + name
          + "' (expected aesgcm, chachapoly or none)");
    }
  }

  static Setting hash(String name) throws CliException {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "sha256": return Setting.HASH_SHA256;
      case "sha512": return Setting.HASH_SHA512;
      default: throw new CliException(ExitCode.USAGE, "unknown hash '" + name + "' (expected sha256 or sha512)");
    }
  }
}
