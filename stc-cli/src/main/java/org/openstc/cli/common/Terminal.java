package org.openstc.cli.common;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/**
 * Where interactive input comes from: the system console (passwords without echo) when there is
 * one, otherwise lines read from a stream (a pipe, a script, a test). While a shell runs on the
 * console, its {@link LineEditor} reads every line and secret instead.
 */
public final class Terminal {
  private final Console console;
  private final BufferedReader reader;
  private final PrintWriter prompts;
  private boolean inputIsScript;
  private LineEditor editor;

  private Terminal(Console console, BufferedReader reader, PrintWriter prompts) {
    this.console = console;
    this.reader = reader;
    this.prompts = prompts;
  }

  /** The process's console if it has one, else {@code System.in}. */
  public static Terminal system(PrintWriter prompts) {
    Console c = System.console();
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
    return new Terminal(c, r, prompts);
  }

  /** Lines from {@code in}; passwords are read as plain lines (no console, so no echo to hide). */
  public static Terminal of(InputStream in, PrintWriter prompts) {
    return new Terminal(null, new BufferedReader(new InputStreamReader(in, Charset.defaultCharset())),
        prompts);
  }

  public boolean isConsole() {
    return console != null;
  }

  /**
   * Marks the input as a script of commands (the shell reading a pipe): from now on no secret is
   * read from it, because its next line is a command, not a password.
   */
  public void inputIsScript() {
    inputIsScript = console == null;
  }

  /** Whether a password prompt may read the input: a console, or input that is not a script. */
  public boolean canReadSecrets() {
    return console != null || !inputIsScript;
  }

  /** Reads through {@code e} from now on (null: the console again); only on a console. */
  void useEditor(LineEditor e) {
    editor = console == null ? null : e;
  }

  /** Prints {@code prompt} and reads one line; {@code null} at end of input. */
  public String readLine(String prompt) {
    if (editor != null) {
      return editor.readLine(prompt);
    }
    if (console != null) {
      return console.readLine("%s", prompt);
    }
    prompts.print(prompt);
    prompts.flush();
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a password without echo; {@code null} at end of input. The caller wipes the array. */
  public char[] readPassword(String prompt) {
    if (editor != null) {
      return editor.readSecret(prompt);
    }
    if (console != null) {
      return console.readPassword("%s", prompt);
    }
    String line = readLine(prompt);
    return line == null ? null : line.toCharArray();
  }
}
