package org.openstc.cli.common;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs a root command in-process with captured output and scripted terminal input. */
public final class CliHarness {
  public final StringWriter out = new StringWriter();
  public final StringWriter err = new StringWriter();
  public final CliContext ctx;
  public final StcCommandLine cli;

  public CliHarness(Class<?> root, String input, Map<String, String> env) {
    PrintWriter o = new PrintWriter(out, true);
    Terminal t = Terminal.of(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), o);
    ctx = new CliContext(o, new PrintWriter(err, true), t, env);
    cli = new StcCommandLine(root, ctx);
  }

  public String out() {
    return out.toString();
  }

  public String err() {
    return err.toString();
  }
}
