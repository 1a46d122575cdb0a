package org.openstc.cli.common;

import java.lang.reflect.Constructor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The picocli setup shared by stccm and stcsh: commands get the {@link CliContext} through their
 * constructor, options and subcommands are case-insensitive and may be shortened to any unambiguous
 * prefix as in LunaCM ({@code stcc rwsh}, {@code stc tokenl}, {@code -lab}), Luna-style single-dash
 * long options are never split into clusters, errors print one clear line (an ambiguous prefix
 * lists its candidates), and every run ends with LunaCM's
 * {@code Command Result : n (text)} line (with the {@code CKR_*} name when the partition or the
 * channel failed the command) and the exit code from {@link ExitCodes}. With {@code -json}, a
 * failure is one JSON object on stderr instead.
 */
public final class StcCommandLine {
  private final CliContext ctx;
  private final CommandLine commandLine;
  /** The CKR name behind the current run's failure, or null. */
  private String ckr;
  /** In {@code -json} mode, the current run's failure as it is printed on stderr, or null. */
  private Map<String, Object> jsonFailure;

  public StcCommandLine(Class<?> rootCommand, CliContext ctx) {
    this.ctx = ctx;
    this.commandLine = new CommandLine(rootCommand, new ContextFactory(ctx));
    configure(commandLine);
  }

  public CommandLine commandLine() {
    return commandLine;
  }

  public CliContext context() {
    return ctx;
  }

  /** Runs one command line and prints the closing result line; returns the exit status. */
  public int run(String... args) {
    ckr = null;
    jsonFailure = null;
    int status = commandLine.execute(args);
    ExitCode code = ExitCode.of(status);
    boolean json = ctx.takeJsonWritten();
    if (jsonFailure != null) {
      JsonOutput.print(ctx.err(), jsonFailure);
    } else {
      (json ? ctx.err() : ctx.out()).println(status == code.code()
          ? code.resultLine(ckr) : "Command Result : " + status + " (" + code.text() + ")");
    }
    ctx.out().flush();
    ctx.err().flush();
    return status;
  }

  private void configure(CommandLine cl) {
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setOptionsCaseInsensitive(true);
    cl.setSubcommandsCaseInsensitive(true);
    cl.setAbbreviatedSubcommandsAllowed(true);
    cl.setAbbreviatedOptionsAllowed(true);
    cl.setPosixClusteredShortOptionsAllowed(false);
    cl.setExitCodeExceptionMapper(new ExitCodes());
    cl.setExecutionExceptionHandler(this::onExecutionError);
    cl.setParameterExceptionHandler(this::onParameterError);
  }

  private int onExecutionError(Exception e, CommandLine cl, ParseResult parsed) {
    ExitCode code = ExitCodes.of(e);
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    ckr = ExitCodes.ckrName(e);
    if (jsonRequested(parsed)) {
      return failInJson(code, message);
    }
    ctx.err().println("Error: " + message);
    if (code == ExitCode.ERROR) {
      e.printStackTrace(ctx.err());
    }
    return code.code();
  }

  private int onParameterError(ParameterException e, String[] args) {
    String message = String.valueOf(e.getMessage());
    if (Arrays.stream(args).anyMatch(a -> a.equalsIgnoreCase("-json") || a.equalsIgnoreCase("--json"))) {
      return failInJson(ExitCode.USAGE, message.startsWith("Error: ") ? message.substring(7) : message);
    }
    ctx.err().println(message.startsWith("Error: ") ? message : "Error: " + message);
    String name = e.getCommandLine().getCommandSpec().qualifiedName();
    ctx.err().println("Try '" + name + " -help' for the options.");
    return ExitCode.USAGE.code();
  }

  /** Whether the command that ran was given {@code -json}. */
  private static boolean jsonRequested(ParseResult parsed) {
    ParseResult r = parsed;
    while (r.hasSubcommand()) {
      r = r.subcommand();
    }
    return r.hasMatchedOption("-json");
  }

  /**
   * Records a failure of a {@code -json} run: it is printed on stderr as one JSON object
   * ({@code exitCode}, {@code result}, {@code ckr}, {@code message}) instead of text lines.
   */
  private int failInJson(ExitCode code, String message) {
    jsonFailure = new LinkedHashMap<>();
    jsonFailure.put("exitCode", code.code());
    jsonFailure.put("result", code.text());
    jsonFailure.put("ckr", ckr);
    jsonFailure.put("message", message);
    return code.code();
  }

  /** Builds commands, mixins and converters; passes {@link CliContext} to constructors that take it. */
  private static final class ContextFactory implements IFactory {
    private final CliContext ctx;
    private final IFactory fallback = CommandLine.defaultFactory();

    ContextFactory(CliContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (Constructor<?> c : cls.getDeclaredConstructors()) {
        Class<?>[] params = c.getParameterTypes();
        if (params.length == 1 && params[0] == CliContext.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(ctx));
        }
      }
      return fallback.create(cls);
    }
  }
}
