package org.openstc.cli.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * An interactive {@code name:>} shell over a {@link StcCommandLine}: one command per line,
 * {@code exit} or {@code quit} to leave, {@code history} to list earlier lines. On a terminal the
 * line is edited with {@link LineEditor} (Up/Down and Ctrl-R over the history of this and earlier
 * sessions, Tab completes commands and options, secrets echo nothing). History is kept in
 * memory and appended to an owner-only history file (lines with a password or PIN option are not
 * saved; with abbreviations, which option a token is comes from parsing the line). When input is
 * not a console (a pipe, {@code stccm < script.txt}), each command is echoed
 * after the prompt, secrets masked, so the output reads like a terminal session; a password is then
 * never read from the script (see {@link Terminal#inputIsScript()}).
 */
public final class InteractiveShell {
  /** Options whose values are PINs or passwords: never echoed, never kept in the history. */
  private static final Pattern SECRET_OPTION =
      Pattern.compile("(?i)(--?(?:password|newpin|oldpin))(=|\\s+)(?!-)(\\S+)");
  /** The same options by their longest names, as picocli reports a parsed option. */
  private static final Set<String> SECRET_NAMES = Set.of("--password", "--newpin", "--oldpin");

  private final StcCommandLine commands;
  private final String prompt;
  private final Path historyFile;
  private final List<String> history = new ArrayList<>();
  private LineEditor editor;

  public InteractiveShell(StcCommandLine commands, String name, Path historyFile) {
    this.commands = commands;
    this.prompt = name + ":> ";
    this.historyFile = historyFile;
  }

  /**
   * Reads and runs lines until exit, quit or end of input; returns the last command's status. On a
   * terminal the lines come from a {@link LineEditor} (editing, history, Tab completion).
   */
  public int run() {
    Terminal terminal = commands.context().terminal();
    if (!terminal.isConsole()) {
      return loop();
    }
    try (LineEditor e = LineEditor.open(commands.commandLine())) {
      history.forEach(e::remember);
      editor = e;
      terminal.useEditor(e);
      return loop();
    } finally {
      terminal.useEditor(null);
      editor = null;
    }
  }

  private int loop() {
    CliContext ctx = commands.context();
    ctx.terminal().inputIsScript();
    int last = 0;
    String line;
    while ((line = ctx.terminal().readLine(prompt)) != null) {
      String trimmed = line.strip();
      Set<String> secrets = secretValues(trimmed);
      if (!ctx.terminal().isConsole()) {
        ctx.out().println(masked(line, secrets));
      }
      if (trimmed.equalsIgnoreCase("exit") || trimmed.equalsIgnoreCase("quit")) {
        break;
      }
      if (!trimmed.isEmpty()) {
        remember(trimmed, secrets);
        last = runLine(ctx, trimmed);
      }
    }
    if (line == null && !ctx.terminal().isConsole()) {
      ctx.out().println(); // end the last prompt's line, as the terminal would after Ctrl-D
    }
    ctx.out().flush();
    return last;
  }

  /**
   * {@code line} with secret option values replaced by asterisks: what the shell echoes when it
   * reads commands from a pipe or a script, so a transcript shows each command after its prompt.
   */
  static String masked(String line) {
    return SECRET_OPTION.matcher(line).replaceAll("$1$2********");
  }

  /** {@code line} masked, and every token equal to one of {@code secrets} replaced too. */
  static String masked(String line, Set<String> secrets) {
    String m = masked(line);
    for (String s : secrets) {
      m = m.replaceAll("(?<=^|\\s|=)(['\"]?)" + Pattern.quote(s) + "\\1(?=\\s|$)", "********");
    }
    return m;
  }

  /**
   * The values that {@code line} gives to PIN and password options, found by parsing it as the
   * command will: with abbreviations and short forms ({@code -p}, {@code -passw}, {@code -o}) a
   * pattern over the text cannot know which option a token means. Empty if it does not parse.
   */
  private Set<String> secretValues(String line) {
    Set<String> values = new HashSet<>();
    try {
      ParseResult r = commands.commandLine().parseArgs(ArgumentSplitter.split(line).toArray(new String[0]));
      for (; r != null; r = r.hasSubcommand() ? r.subcommand() : null) {
        for (OptionSpec o : r.matchedOptions()) {
          if (SECRET_NAMES.contains(o.longestName().toLowerCase(Locale.ROOT))) {
            o.originalStringValues().stream().filter(v -> !v.isEmpty()).forEach(values::add);
          }
        }
      }
    } catch (CliException | ParameterException e) {
      // not a valid command line: only the pattern masks it
    }
    return values;
  }

  public List<String> history() {
    return List.copyOf(history);
  }

  private int runLine(CliContext ctx, String line) {
    if (line.equalsIgnoreCase("history")) {
      for (int i = 0; i < history.size(); i++) {
        ctx.out().printf("%4d  %s%n", i + 1, history.get(i));
      }
      return 0;
    }
    try {
      return commands.run(ArgumentSplitter.split(line).toArray(new String[0]));
    } catch (CliException e) {
      ctx.err().println("Error: " + e.getMessage());
      ctx.out().println(e.exitCode().resultLine());
      return e.exitCode().code();
    }
  }

  private void remember(String line, Set<String> secrets) {
    if (!secrets.isEmpty() || SECRET_OPTION.matcher(line).find()) {
      return;
    }
    history.add(line);
    if (editor != null) {
      editor.remember(line);
    }
    if (historyFile == null) {
      return;
    }
    try {
      if (!Files.exists(historyFile)) {
        OwnerOnlyFiles.createDirectories(historyFile.toAbsolutePath().getParent());
        OwnerOnlyFiles.write(historyFile, new byte[0]);
      }
      Files.writeString(historyFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      commands.context().err().println("Warning: cannot save history to " + historyFile + ": " + e);
    }
  }

  /** Loads earlier lines from the history file, if it exists. */
  public void loadHistory() {
    try {
      if (historyFile != null && Files.isReadable(historyFile)) {
        history.addAll(new String(SmallFiles.read(historyFile, SmallFiles.CONFIG_LIMIT),
            StandardCharsets.UTF_8).lines().toList());
      }
    } catch (IOException e) {
      commands.context().err().println("Warning: cannot read history " + historyFile + ": " + e);
    }
  }
}
