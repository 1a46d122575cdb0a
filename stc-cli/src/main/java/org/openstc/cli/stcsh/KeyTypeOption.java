package org.openstc.cli.stcsh;

import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.stc.KeyType;

/** Parses {@code -keytype}. */
final class KeyTypeOption {
  private KeyTypeOption() {}

  static KeyType parse(String text) throws CliException {
    try {
      return KeyType.fromLabel(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, e.getMessage());
    }
  }
}
