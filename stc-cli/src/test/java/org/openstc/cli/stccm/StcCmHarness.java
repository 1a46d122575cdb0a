package org.openstc.cli.stccm;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Terminal;

/** Runs stccm in-process against a temporary STC_HOME, capturing stdout and stderr. */
final class StcCmHarness {
  private final Path home;
  private final Map<String, String> env;
  String out = "";
  String err = "";

  StcCmHarness(Path home) {
    this(home, Map.of());
  }

  /** With {@code env} added to the environment (STC_HOME is always {@code home}). */
  StcCmHarness(Path home, Map<String, String> env) {
    this.home = home;
    this.env = new java.util.HashMap<>(env);
    this.env.put("STC_HOME", home.toString());
  }

  /** Runs one command line with {@code input} as terminal input; returns the exit status. */
  int runWith(String input, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    PrintWriter po = new PrintWriter(o, true);
    Terminal t = Terminal.of(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), po);
    CliContext ctx = new CliContext(po, new PrintWriter(e, true), t, env);
    int status = StcCm.run(ctx, args);
    out = o.toString();
    err = e.toString();
    return status;
  }

  int run(String... args) {
    return runWith("", args);
  }

  String both() {
    return "stdout:\n" + out + "\nstderr:\n" + err;
  }
}
