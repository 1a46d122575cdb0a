package org.openstc.cli.stccm.link;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Terminal;
import org.openstc.cli.stccm.StcCm;

/** Runs stccm in-process for one client home (one-shot commands or a scripted shell). */
final class Cm {
  private final Path home;
  private final Map<String, String> env;
  String out = "";
  String err = "";

  Cm(Path home) {
    this(home, Map.of());
  }

  /** With {@code env} added to the environment (STC_HOME is always {@code home}). */
  Cm(Path home, Map<String, String> env) {
    this.home = home;
    this.env = new java.util.HashMap<>(env);
    this.env.put("STC_HOME", home.toString());
  }

  /** The same home with {@code env} added to the environment. */
  Cm withEnv(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.putAll(more);
    return new Cm(home, all);
  }

  Path home() {
    return home;
  }

  /** One command with {@code input} as terminal input; returns the exit status. */
  int runWith(String input, String... args) {
    return runWith(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
  }

  /** The stccm:> shell reading {@code script}; returns the last command's status. */
  int shell(ScriptedInput script) {
    return runWith(script);
  }

  private int runWith(InputStream input, String... args) {
    return runWith(input, StcCm::run, args);
  }

  /** {@code vtl args} in-process for the same home. */
  int vtl(String... args) {
    return runWith(new ByteArrayInputStream(new byte[0]), org.openstc.cli.vtl.Vtl::run, args);
  }

  private int runWith(InputStream input, java.util.function.BiFunction<CliContext, String[], Integer> tool,
      String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    PrintWriter po = new PrintWriter(o, true);
    Terminal t = Terminal.of(input, po);
    CliContext ctx = new CliContext(po, new PrintWriter(e, true), t, env);
    int status = tool.apply(ctx, args);
    out = o.toString();
    err = e.toString();
    return status;
  }

  int run(String... args) {
    return runWith("", args);
  }

  /** The stccm:> shell reading {@code lines} as its standard input; returns the last status. */
  int shell(String... lines) {
    return runWith(String.join("\n", lines) + "\n");
  }

  String both() {
    return "stdout:\n" + out + "\nstderr:\n" + err;
  }
}
