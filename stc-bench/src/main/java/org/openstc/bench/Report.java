package org.openstc.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the channel benchmarks with ordinary JMH command-line options and prints the tables of
 * docs/performance.md: record seal+open in MB/s with the ratio to raw AES-GCM of the same run, and
 * handshakes per second. Without a benchmark pattern it runs {@link RecordBenchmark} and
 * {@link HandshakeBenchmark}.
 *
 * <pre>
 * java -cp stc-bench/target/benchmarks.jar org.openstc.bench.Report -f 1 -wi 2 -w 2s -i 3 -r 2s
 * </pre>
 */
public final class Report {
  private Report() {}

  public static void main(String[] args) throws RunnerException, CommandLineOptionException {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder builder = new OptionsBuilder();
    builder.parent(cli);
    if (cli.getIncludes().isEmpty()) {
      builder.include(RecordBenchmark.class.getSimpleName())
          .include(HandshakeBenchmark.class.getSimpleName());
    }
    Options options = builder.build();
    Collection<RunResult> results = new Runner(options).run();
    System.out.println();
    System.out.println("JVM: " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor")
        + "); the forks use the same java unless -jvm was given");
    System.out.print(tables(results));
  }

  /** The markdown tables for a set of JMH results. */
  static String tables(Collection<RunResult> results) {
    StringBuilder out = new StringBuilder();
    records(results, out);
    handshakes(results, out);
    return out.toString();
  }

  private static void records(Collection<RunResult> results, StringBuilder out) {
    Map<String, Map<String, Result<?>>> bySize = new LinkedHashMap<>();
    List<String> columns = new ArrayList<>();
    for (RunResult r : results) {
      String method = method(r);
      if (!method.equals("channel") && !method.startsWith("raw")) {
        continue;
      }
      String column = method.equals("channel") ? "STC " + r.getParams().getParam("variant")
          : method;
      if (!columns.contains(column)) {
        columns.add(column);
      }
      bySize.computeIfAbsent(r.getParams().getParam("size"), k -> new LinkedHashMap<>())
          .put(column, r.getPrimaryResult());
    }
    if (bySize.isEmpty()) {
      return;
    }
    out.append("\nRecord seal+open, MB/s of payload (ops/s x size / 10^6) +- 99.9% error;")
        .append(" ratio = STC / rawAesGcm of the same run\n\n| size |");
    for (String c : columns) {
      out.append(' ').append(c).append(" |");
      if (c.startsWith("STC")) {
        out.append(" ratio |");
      }
    }
    out.append("\n|---:|");
    for (String c : columns) {
      out.append(c.startsWith("STC") ? "---:|---:|" : "---:|");
    }
    out.append('\n');
    for (Map.Entry<String, Map<String, Result<?>>> row : bySize.entrySet()) {
      int size = Integer.parseInt(row.getKey());
      Result<?> raw = row.getValue().get("rawAesGcm");
      out.append("| ").append(size(size)).append(" |");
      for (String c : columns) {
        Result<?> r = row.getValue().get(c);
        out.append(' ').append(r == null ? "-" : mbps(r, size)).append(" |");
        if (c.startsWith("STC")) {
          out.append(' ').append(r == null || raw == null ? "-"
              : String.format(Locale.ROOT, "%.2f", r.getScore() / raw.getScore())).append(" |");
        }
      }
      out.append('\n');
    }
  }

  private static void handshakes(Collection<RunResult> results, StringBuilder out) {
    boolean header = false;
    for (RunResult r : results) {
      if (!method(r).equals("handshake")) {
        continue;
      }
      if (!header) {
        out.append("\nFull handshakes (OPEN..ACTIVATE, both sides, in memory) per second")
            .append(" +- 99.9% error\n\n| suite | handshakes/s |\n|---|---:|\n");
        header = true;
      }
      Result<?> p = r.getPrimaryResult();
      out.append("| ").append(r.getParams().getParam("suite")).append(" | ")
          .append(String.format(Locale.ROOT, "%.0f +- %.0f", p.getScore(), p.getScoreError()))
          .append(" |\n");
    }
  }

  private static String method(RunResult r) {
    String b = r.getParams().getBenchmark();
    return b.substring(b.lastIndexOf('.') + 1);
  }

  private static String mbps(Result<?> r, int size) {
    double f = size / 1e6;
    double err = Double.isNaN(r.getScoreError()) ? 0 : r.getScoreError() * f;
    String format = r.getScore() * f < 100 ? "%.1f +- %.1f" : "%.0f +- %.0f";
    return String.format(Locale.ROOT, format, r.getScore() * f, err);
  }

  private static String size(int size) {
    return size >= 1024 ? size / 1024 + " KiB" : size + " B";
  }
}
