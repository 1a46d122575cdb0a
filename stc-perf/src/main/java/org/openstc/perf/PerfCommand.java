package org.openstc.perf;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code bin/stc-perf} (docs/performance.md): the options become
 * {@link PerfMain.Options}; {@code -quick} replaces the counts and durations by the token iteration
 * CI runs. A usage error exits 2.
 */
@Command(name = "stc-perf", mixinStandardHelpOptions = true,
    description = "Loopback harness: STC/1 against TLS 1.3 mutual and plain TCP (docs/performance.md).")
final class PerfCommand implements Callable<Integer> {
  @Option(names = "-figure", defaultValue = "all", paramLabel = "LETTERS",
      description = "figures to run, e.g. a,b,c or all (default ${DEFAULT-VALUE})")
  String figures;
  @Option(names = "-runs", defaultValue = "5", description = "runs per figure")
  int runs;
  @Option(names = "-seconds", defaultValue = "2", description = "measured seconds per variant")
  double seconds;
  @Option(names = "-warmup", defaultValue = "1", description = "warm-up seconds per variant")
  double warmup;
  @Option(names = "-channels", defaultValue = "10000", description = "idle channels (figure e)")
  int channels;
  @Option(names = "-registrations", defaultValue = "100000",
      description = "registered clients (figure f)")
  int registrations;
  @Option(names = "-sizes", split = ",", defaultValue = "64,1024,16384",
      description = "payload sizes in bytes")
  List<Integer> sizes;
  @Option(names = "-quick", description = "token iteration: tiny counts and durations")
  boolean quick;
  @Option(names = "-only", paramLabel = "TEXT",
      description = "measure only the variants whose name contains TEXT (profiling)")
  String only;
  @Option(names = "-case", paramLabel = "TEXT",
      description = "figure r: measure only the cases (operation, load) whose name contains TEXT")
  String kase;
  @Option(names = "-handshake-threads", paramLabel = "N",
      description = "the STC hosts' handshake threads (default: the host's, one per two cores)")
  Integer handshakeThreads;

  /** The options these arguments mean. */
  PerfMain.Options options() {
    if (quick) {
      return PerfMain.Options.quick(figures);
    }
    return new PerfMain.Options(figures, runs, (long) (warmup * 1000), (long) (seconds * 1000),
        channels, registrations, 1000, List.copyOf(sizes));
  }

  @Override
  public Integer call() throws Exception {
    if (only != null) {
      System.setProperty("stc.perf.only", only);
    }
    if (kase != null) {
      System.setProperty("stc.perf.case", kase);
    }
    if (handshakeThreads != null) {
      System.setProperty("stc.perf.handshakeThreads", handshakeThreads.toString());
    }
    PerfMain m = new PerfMain(options());
    m.run();
    m.report(System.out);
    return 0;
  }

  /** Parses {@code args} into this command; throws picocli's ParameterException on a usage error. */
  static PerfCommand parse(String... args) {
    PerfCommand c = new PerfCommand();
    new CommandLine(c).parseArgs(args);
    return c;
  }
}
