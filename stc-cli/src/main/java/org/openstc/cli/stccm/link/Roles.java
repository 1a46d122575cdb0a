package org.openstc.cli.stccm.link;

import org.openstc.command.Role;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a role name: po, co or cu, any case. */
final class Roles implements ITypeConverter<Role> {
  @Override
  public Role convert(String value) {
    try {
      return Role.fromLabel(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
