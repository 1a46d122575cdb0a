package org.openstc.cli.common;

import java.util.ArrayList;
import java.util.List;

/** Splits a shell line into arguments: white space separates, "double" and 'single' quotes group. */
public final class ArgumentSplitter {
  private ArgumentSplitter() {}

  public static List<String> split(String line) throws CliException {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inArg = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inArg = true;
      } else if (Character.isWhitespace(c)) {
        if (inArg) {
          args.add(current.toString());
          current.setLength(0);
          inArg = false;
        }
      } else {
        current.append(c);
        inArg = true;
      }
    }
    if (quote != 0) {
      throw new CliException(ExitCode.USAGE, "unterminated quote");
    }
    if (inArg) {
      args.add(current.toString());
    }
    return args;
  }
}
