package org.openstc.cli.stcsh;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Terminal;

/** Runs stcsh in-process against a temporary STC_HOST_HOME, capturing stdout and stderr. */
final class StcShHarness {
  /** The HSM SO password of {@link #initialized} hosts. */
  static final String SO_PASSWORD = "test-so-password";
  private final Path home;
  /** More environment variables for every run (e.g. $STC_ADMIN_USER). */
  final Map<String, String> env = new java.util.HashMap<>();
  String out = "";
  String err = "";

  StcShHarness(Path home) {
    this.home = home;
  }

  int runWith(String input, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    PrintWriter po = new PrintWriter(o, true);
    Terminal t = Terminal.of(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), po);
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("STC_HOST_HOME", home.toString());
    CliContext ctx = new CliContext(po, new PrintWriter(e, true), t, all);
    int status = StcSh.run(ctx, args);
    out = o.toString();
    err = e.toString();
    return status;
  }

  /** A harness on a host made by hsm init, with the HSM SO logged in to this (test) process. */
  static StcShHarness initialized(Path home) {
    StcShHarness h = new StcShHarness(home);
    if (h.run(org.openstc.cli.CheapKdf.with("hsm", "init", "-label", "testhsm", "-password", SO_PASSWORD,
        "-force")) != 0
        || h.run("hsm", "login", "-password", SO_PASSWORD) != 0) {
      throw new AssertionError("hsm init failed: " + h.both());
    }
    return h;
  }

  int run(String... args) {
    return runWith("", args);
  }

  String both() {
    return "stdout:\n" + out + "\nstderr:\n" + err;
  }
}
