package org.openstc.cli.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.shell.jline3.PicocliJLineCompleter;

/**
 * The shell's line editor on a real terminal (JLine): Emacs-style editing keys, Up/Down and Ctrl-R
 * through the history, Tab completing command and option names from the picocli model, and
 * secrets read with nothing echoed. The shell decides which lines enter the history
 * ({@link #remember}): a line typed at the prompt is not added by JLine itself, so a line holding a
 * password never is. History expansion ({@code !}) is off: a password may contain it.
 */
final class LineEditor implements AutoCloseable {
  /** JLine's mask that echoes nothing at all (not even one star per character). */
  private static final Character NOTHING = LineReaderImpl.NULL_MASK;

  private final org.jline.terminal.Terminal terminal;
  private final LineReader reader;
  private final ShellHistory history = new ShellHistory();

  private LineEditor(org.jline.terminal.Terminal terminal, CommandLine commands) {
    this.terminal = terminal;
    this.reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName(commands.getCommandName())
        .completer(new PicocliJLineCompleter(commands.getCommandSpec()))
        .history(history)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.CASE_INSENSITIVE, true)
        .build();
  }

  /**
   * An editor on the process's terminal completing {@code commands}. The {@code exec} provider
   * (stty) is used, so no native library is loaded and the JVM prints no native-access warning.
   */
  static LineEditor open(CommandLine commands) {
    try {
      org.jline.terminal.Terminal t = TerminalBuilder.builder().system(true).provider("exec")
          .name(commands.getCommandName()).build();
      return new LineEditor(t, commands);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One line typed after {@code prompt}; {@code null} at Ctrl-D; Ctrl-C abandons the line (""). */
  String readLine(String prompt) {
    try {
      return reader.readLine(prompt);
    } catch (UserInterruptException e) {
      return "";
    } catch (EndOfFileException e) {
      return null;
    }
  }

  /** A secret typed after {@code prompt} with nothing echoed; {@code null} at Ctrl-D or Ctrl-C. */
  char[] readSecret(String prompt) {
    try {
      return reader.readLine(prompt, NOTHING).toCharArray();
    } catch (UserInterruptException | EndOfFileException e) {
      return null;
    }
  }

  /** Adds {@code line} to what Up and Ctrl-R reach. */
  void remember(String line) {
    history.keep(line);
  }

  @Override
  public void close() {
    try {
      terminal.close();
    } catch (IOException e) {
      // the terminal's attributes could not be restored; nothing else to do at exit
    }
  }

  /** JLine's in-memory history, filled only through {@link #keep}; the shell owns the file. */
  private static final class ShellHistory extends DefaultHistory {
    @Override
    public void add(Instant time, String line) {
      // the line reader adds every accepted line; the shell adds only lines without secrets
    }

    void keep(String line) {
      super.add(Instant.now(), line);
    }
  }
}
