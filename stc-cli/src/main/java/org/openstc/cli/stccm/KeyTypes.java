package org.openstc.cli.stccm;

import org.openstc.stc.KeyType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code -keytype}: x25519, p521 or p256, any case. */
final class KeyTypes implements ITypeConverter<KeyType> {
  @Override
  public KeyType convert(String value) {
    try {
      return KeyType.fromLabel(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
