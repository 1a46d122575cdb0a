package org.openstc.cli.common;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch besides its arguments: its output streams, the terminal, the process
 * environment. Injected into every command by {@link StcCommandLine}, so tests run commands
 * in-process with captured output and a scripted terminal.
 */
public final class CliContext {
  private final PrintWriter out;
  private final PrintWriter err;
  private final Terminal terminal;
  private final Map<String, String> env;
  private boolean jsonWritten;
  private final Map<Class<?>, Object> state = new java.util.concurrent.ConcurrentHashMap<>();

  public CliContext(PrintWriter out, PrintWriter err, Terminal terminal, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
    this.env = Map.copyOf(env);
  }

  /** The real process: System.out/err, the console, the real environment. */
  public static CliContext system() {
    PrintWriter out = new PrintWriter(System.out, true);
    return new CliContext(out, new PrintWriter(System.err, true), Terminal.system(out), System.getenv());
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public Terminal terminal() {
    return terminal;
  }

  public Map<String, String> env() {
    return env;
  }

  /** The home directory: {@code option} if given, else {@code $STC_HOME}, else {@code ~/.stc}. */
  public Path home(Path option) {
    return StcHome.resolve(option, env);
  }

  /** Prints {@code value} as JSON; the closing result line then goes to stderr. */
  public void printJson(Object value) {
    JsonOutput.print(out, value);
    jsonWritten = true;
  }

  /**
   * State a tool keeps across the commands run in this context (one shell): the one instance of
   * {@code type}, made by {@code initial} on first use (stcsh's logged-in administrator).
   */
  public <T> T state(Class<T> type, java.util.function.Supplier<T> initial) {
    return type.cast(state.computeIfAbsent(type, t -> initial.get()));
  }

  boolean takeJsonWritten() {
    boolean was = jsonWritten;
    jsonWritten = false;
    return was;
  }
}
