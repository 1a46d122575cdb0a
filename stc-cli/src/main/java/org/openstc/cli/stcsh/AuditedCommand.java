package org.openstc.cli.stcsh;

import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The text an audit line gives for a command: its path and the options it was given, with the
 * value of every secret option (a password, PIN or passphrase, or an interactive option) replaced
 * by {@code ***}, so no secret reaches the log.
 */
final class AuditedCommand {
  private AuditedCommand() {}

  static String describe(CommandSpec spec) {
    String path = spec.qualifiedName(" ").replaceFirst("^\\S+\\s*", "");
    ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed == null) {
      return path;
    }
    String options = parsed.matchedOptions().stream()
        .filter(o -> !o.usageHelp() && !o.versionHelp())
        .map(o -> o.longestName() + (o.arity().max() == 0 ? "" : " " + value(o, parsed)))
        .collect(Collectors.joining(" "));
    return options.isEmpty() ? path : path + " " + options;
  }

  private static String value(OptionSpec o, ParseResult parsed) {
    if (isSecret(o)) {
      return "***";
    }
    return String.join(",", parsed.matchedOption(o.longestName()).stringValues());
  }

  static boolean isSecret(OptionSpec o) {
    if (o.interactive()) {
      return true;
    }
    for (String name : o.names()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.contains("password") || n.contains("pin") || n.contains("passphrase") || n.contains("secret")
          || n.endsWith("pw")) {
        return !n.endsWith("-file");
      }
    }
    return false;
  }
}
