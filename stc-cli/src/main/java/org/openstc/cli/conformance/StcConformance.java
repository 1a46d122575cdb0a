package org.openstc.cli.conformance;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.openstc.conformance.CaseResult;
import org.openstc.conformance.ConformanceCase;
import org.openstc.conformance.Runner;
import org.openstc.conformance.Target;
import org.openstc.conformance.client.ClientCases;
import org.openstc.conformance.client.ClientTarget;
import org.openstc.conformance.partition.PartitionCases;
import org.openstc.conformance.partition.PartitionTarget;
import org.openstc.conformance.report.Reports;
import org.openstc.conformance.report.TextReport;
import org.openstc.crypto.CryptoProviders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stc-conformance}: runs the STC/1 conformance suite against a partition host
 * ({@code -target partition}) or a client shim ({@code -target client}) and writes the reports.
 * Exit codes: 0 every required case passed; 1 a required case failed (or, with {@code -strict},
 * was unsupported); 2 usage error; 3 the target could not be set up (files, keys).
 */
@Command(name = "stc-conformance", mixinStandardHelpOptions = true,
    description = "STC/1 conformance suite (see conformance/README.md).",
    subcommands = {KeygenCommand.class})
public final class StcConformance implements Callable<Integer> {
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int SETUP = 3;

  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin PartitionOptions partition;

  @Option(names = "-target", description = "partition or client", defaultValue = "partition")
  String target;
  @Option(names = "-shim", description = "client target: the shim command (split on spaces)")
  String shim;
  @Option(names = "-shim-timeout-ms", defaultValue = "20000",
      description = "client target: kill a shim after this long (default ${DEFAULT-VALUE})")
  int shimTimeoutMillis;
  @Option(names = "-jobs", defaultValue = "1",
      description = "client target: cases run at the same time (default ${DEFAULT-VALUE})")
  int jobs;
  @Option(names = "-work-dir", description = "client target: where keys and .pid files go")
  Path workDir;
  @Option(names = "-report-dir", description = "write JSON and JUnit XML reports here")
  Path reportDir;
  @Option(names = "-case", description = "run only cases whose id starts with this (repeatable)")
  List<String> only = new ArrayList<>();
  @Option(names = "-list", description = "list the cases of the target and exit")
  boolean list;
  @Option(names = "-strict", description = "unsupported required cases fail the run")
  boolean strict;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String... args) {
    CommandLine cl = new CommandLine(new StcConformance());
    cl.setOptionsCaseInsensitive(true);
    cl.setPosixClusteredShortOptionsAllowed(false);
    cl.setExecutionExceptionHandler((e, c, parsed) -> {
      c.getErr().println("stc-conformance: " + e.getMessage());
      return e instanceof CommandLine.ParameterException ? USAGE : SETUP;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (list) {
      PrintWriter out = spec.commandLine().getOut();
      List<? extends ConformanceCase<?>> cases = target.equals("client") ? ClientCases.all()
          : PartitionCases.all();
      cases.stream().filter(this::selected).forEach(out::println);
      out.flush();
      return 0;
    }
    switch (target) {
      case "partition": {
        PartitionTarget t = new PartitionTarget(partition.load(), CryptoProviders.jca());
        return execute("partition", t, PartitionCases.all(), 1);
      }
      case "client": {
        if (shim == null || shim.isBlank()) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "-target client needs -shim \"COMMAND ...\"");
        }
        Path dir = workDir != null ? Files.createDirectories(workDir)
            : Files.createTempDirectory("stc-conformance");
        ClientTarget t = new ClientTarget(ClientTarget.splitCommand(shim), dir,
            CryptoProviders.jca(), shimTimeoutMillis);
        return execute("client", t, ClientCases.all(), jobs);
      }
      default:
        throw new CommandLine.ParameterException(spec.commandLine(),
            "-target must be partition or client, not '" + target + "'");
    }
  }

  private boolean selected(ConformanceCase<?> c) {
    return only.isEmpty() || only.stream().anyMatch(p -> c.id().startsWith(p.toUpperCase()));
  }

  private <T extends Target> int execute(String direction, T t, List<ConformanceCase<T>> cases,
      int threads) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Predicate<ConformanceCase<?>> filter = this::selected;
    out.println("STC/1 conformance: " + t.describe());
    out.flush();
    Runner<T> runner = new Runner<>(t, r -> {
      out.println(TextReport.row(r));
      out.flush();
    });
    List<CaseResult> results = runner.runParallel(cases, filter, threads);
    boolean passed = Runner.passed(results, strict);
    out.println(TextReport.render(t.describe(), results));
    if (reportDir != null) {
      for (Path p : Reports.write(reportDir, direction, t.describe(), results, passed)) {
        out.println("report: " + p);
      }
    }
    out.println(passed ? "RESULT: PASS (no required case failed)" : "RESULT: FAIL");
    out.flush();
    return passed ? 0 : FAILED;
  }
}
