package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openstc.cli.common.Await;

/**
 * A launcher ({@code bin/stccm}, {@code bin/stcsh}) run in a detached tmux session, so a test types
 * keys as a user does (Tab, Up, Enter) and reads the screen. Each instance has its own tmux server
 * socket, killed on close. When the program ends the pane stays, showing {@code [exited N]}.
 */
final class TmuxScreen implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(90);

  private final String socket;

  private TmuxScreen(String socket) {
    this.socket = socket;
  }

  /** Starts {@code bin/<launcher>} of the repository with {@code env} in a 150x40 pane. */
  static TmuxScreen start(String launcher, Map<String, String> env) throws Exception {
    Path root = Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
    TmuxScreen s = new TmuxScreen("openstc-it-" + ProcessHandle.current().pid() + "-"
        + System.nanoTime());
    List<String> cmd = new ArrayList<>(List.of("new-session", "-d", "-x", "150", "-y", "40"));
    env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
    String java = System.getProperty("java.home");
    cmd.addAll(List.of("-e", "JAVA_HOME=" + java));
    cmd.add(root.resolve("bin").resolve(launcher) + "; echo \"[exited $?]\"; exec sleep 600");
    s.tmux(cmd.toArray(new String[0]));
    return s;
  }

  /** Types {@code keys}: literal text, or tmux key names such as {@code Tab}, {@code Up}, {@code Enter}. */
  void keys(String... keys) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("send-keys", "-t", "0"));
    cmd.addAll(List.of(keys));
    tmux(cmd.toArray(new String[0]));
  }

  /** Types {@code text} exactly as characters (no key names). */
  void type(String text) throws Exception {
    tmux("send-keys", "-t", "0", "-l", "--", text);
  }

  /** The visible screen, lines without trailing blanks. */
  String screen() throws Exception {
    return tmux("capture-pane", "-p", "-t", "0");
  }

  /** Waits until the screen satisfies {@code test}; returns that screen. */
  String await(String what, Predicate<String> test) throws Exception {
    String[] seen = {""};
    try {
      Await.until(what, WAIT, () -> test.test(seen[0] = screen()));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\nscreen:\n" + seen[0], e);
    }
    return seen[0];
  }

  /** Waits until some line of the screen equals {@code line} (trailing blanks ignored). */
  String awaitLine(String line) throws Exception {
    return await("a screen line '" + line + "'",
        s -> s.lines().anyMatch(l -> l.stripTrailing().equals(line)));
  }

  /** Waits until the screen contains {@code text}. */
  String awaitText(String text) throws Exception {
    return await("'" + text + "' on the screen", s -> s.contains(text));
  }

  @Override
  public void close() throws Exception {
    new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start()
        .waitFor(20, TimeUnit.SECONDS);
  }

  private String tmux(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("tmux is needed for the terminal tests (apt-get install tmux;"
          + " .ci/run installs it)", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(20, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), "tmux " + String.join(" ", args) + ": " + out);
    return out;
  }
}
