package org.openstc.perf;

import io.netty.handler.ssl.SslContext;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.openstc.partition.server.ServerConfig;
import org.openstc.stc.Suite;
import picocli.CommandLine;

/**
 * The loopback harness (docs/performance.md, "Network: STC vs TLS 1.3"). Every figure measures STC,
 * TLS 1.3 with mutual authentication and (for a) plain TCP in the same JVM run, with the same
 * payloads, client threads and server I/O threads, each variant back to back within a run and the
 * order reversed on every other run.
 *
 * <pre>
 * bin/stc-perf -figure a,b,c,d,e,f,g,h,n,r -runs 5 [-seconds 2] [-warmup 1] [-channels 10000]
 *              [-registrations 100000] [-sizes 64,1024,16384] [-quick]
 * </pre>
 */
public final class PerfMain {
  /** Figure g: established echo channels, OPEN flooders and half-open connections. */
  static final int FLOOD_CHANNELS = 4;
  static final int FLOOD_OPENERS = 4;
  static final int FLOOD_HALF_OPEN = 32;
  final Options o;
  final Results results = new Results();

  PerfMain(Options o) {
    this.o = o;
  }

  /** What to measure ({@link PerfCommand} parses it); {@link #quick()} is the CI token iteration. */
  record Options(String figures, int runs, long warmupMillis, long measureMillis, int channels,
      int registrations, long settleMillis, List<Integer> sizes) {
    static Options quick(String figures) {
      return new Options(figures, 1, 50, 150, 20, 200, 100, List.of(64, 1024, 16 * 1024));
    }

    Load.Timing timing() {
      return new Load.Timing(warmupMillis, measureMillis);
    }

    boolean has(char figure) {
      return figures.equals("all") || figures.indexOf(figure) >= 0;
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.exit(new CommandLine(new PerfCommand()).execute(args));
  }

  void report(PrintStream out) {
    out.printf(Locale.ROOT, "%n## %s %s, %d CPUs, runs %d, warm-up %d ms, measure %d ms%n%n",
        System.getProperty("java.vm.name"), Runtime.version(),
        Runtime.getRuntime().availableProcessors(), o.runs(), o.warmupMillis(),
        o.measureMillis());
    results.print(out, "TLS");
    if (o.has(CommandFigure.FIGURE.charAt(0))) {
      CommandFigure.printLimit(out, results);
    }
    if (o.has(HaFigure.FIGURE.charAt(0))) {
      HaFigure.printRatios(out, results);
    }
  }

  static int ioThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  private long lap = System.nanoTime();

  private void lap(String what) {
    long now = System.nanoTime();
    System.err.printf(Locale.ROOT, "  [%s took %.1f s]%n", what, (now - lap) / 1e9);
    lap = now;
  }

  void run() throws Exception {
    TestPki pki = TestPki.generate();
    SslContext serverTls = pki.serverContext();
    SslContext clientTls = pki.clientContext();
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0);
    String threads = System.getProperty("stc.perf.handshakeThreads");
    if (threads != null) {
      config = config.withHandshakes(config.handshakes().withThreads(Integer.parseInt(threads)));
    }
    try (StcFixture stc = new StcFixture(config);
        EchoServer tls = new EchoServer(serverTls, ioThreads());
        EchoServer tcp = new EchoServer(null, ioThreads());
        PerfClient client = new PerfClient(ioThreads())) {
      Target tlsT = Target.framed("TLS 1.3 mutual", tls.port(), clientTls);
      Target tcpT = Target.framed("TCP plain", tcp.port(), null);
      Suite def = Suite.X25519_AESGCM_SHA256;
      Target raw = stc.rawEcho(def);
      Target cmd = stc.echoCommand(def);
      lap("set-up");
      if (o.has('a')) {
        figureA(client, tcpT, tlsT, raw, cmd, stc);
        lap("figure a");
      }
      if (o.has('b')) {
        windowed("b", client, o.sizes(), 4, 64, "msg/s",
            List.of(tlsT, raw, stc.rawEchoPacked(def), stc.rawEchoViaWorkers(def), cmd,
                stc.echoCommandPacked(def), stc.echoCommand(Suite.X25519_CHACHAPOLY_SHA256)));
        lap("figure b");
      }
      if (o.has('c')) {
        windowed("c", client, List.of(64 * 1024), 1, 16, "MB/s",
            // The command service has no sink command (ECHO would send 64 KiB back), so bulk
            // one-way goes through the raw record path, which answers an empty record.
            List.of(tcpT, tlsT, raw, stc.rawEcho(Suite.X25519_CHACHAPOLY_SHA256)));
        lap("figure c");
      }
      if (o.has('d')) {
        List<Target> targets = new ArrayList<>(List.of(tlsT));
        for (Suite s : List.of(Suite.X25519_AESGCM_SHA256, Suite.X25519_CHACHAPOLY_SHA256,
            Suite.P256_AESGCM_SHA256, Suite.P521_AESGCM_SHA512)) {
          targets.add(stc.echoCommand(s));
        }
        handshakes("d", "full", client, targets);
        lap("figure d");
      }
      if (o.has('r')) {
        new CommandFigure(o, results, stc, serverTls, clientTls).run(client);
        lap("figure r");
      }
      if (o.has('n')) {
        try (NtlsFigure ntls = new NtlsFigure(stc)) {
          ntls.run(this, client, tlsT, cmd);
        }
        lap("figure n");
      }
    }
    if (o.has('f')) {
      try (RegistrationFixture reg = new RegistrationFixture(o.registrations());
          PerfClient client = new PerfClient(ioThreads())) {
        handshakes("f", "X25519", client, List.of(reg.small, reg.large));
        lap("figure f");
      }
    }
    if (o.has('e')) {
      new IdleHeap(pki, o.channels(), o.settleMillis(), results).run(o.runs());
      lap("figure e");
    }
    if (o.has('h')) {
      new HaFigure(o, results).run();
      lap("figure h");
    }
    if (o.has('g')) {
      new FloodFigure(o, results, pki, FLOOD_CHANNELS, FLOOD_OPENERS, FLOOD_HALF_OPEN).run();
      lap("figure g");
    }
  }

  private void figureA(PerfClient client, Target tcp, Target tls, Target raw, Target cmd,
      StcFixture stc) throws Exception {
    StcFixture.Part p = stc.part(org.openstc.stc.KeyType.X25519);
    Target hop = stc.rawEchoViaWorkers(Suite.X25519_AESGCM_SHA256);
    // With one message outstanding nothing is ever packed: the packed variant shows that the
    // agreement costs a lone message nothing (docs/protocol.md 24a).
    Target packed = stc.rawEchoPacked(Suite.X25519_AESGCM_SHA256);
    byte[] echo64 = cmd.message(Load.payload(64));
    for (int run = 0; run < o.runs(); run++) {
      for (int size : o.sizes()) {
        List<Target> ts = new ArrayList<>(size == 64 ? List.of(tcp, tls, raw, packed, hop, cmd)
            : List.of(tls, raw, packed, cmd));
        if (run % 2 == 1) {
          Collections.reverse(ts);
        }
        for (Target t : ts) {
          results.add("a", label(size), t.name, "rt/s",
              Load.echoRate(client, t, size, 1, 1, o.timing()));
        }
        if (size == 64) {
          results.add("a", label(size), "STC echo cmd, blocking StcConnection", "rt/s",
              Load.blockingRate(stc.host.port(), p.serial(), p.identity(), p.client(),
                  Suite.X25519_AESGCM_SHA256, echo64, o.timing()));
        }
      }
    }
  }

  private void windowed(String figure, PerfClient client, List<Integer> sizes, int conns,
      int window, String unit, List<Target> targets) throws Exception {
    windowed(figure, "", client, sizes, conns, window, unit, targets);
  }

  /** As above, each case named {@code prefix} + the size. */
  void windowed(String figure, String prefix, PerfClient client, List<Integer> sizes, int conns,
      int window, String unit, List<Target> targets) throws Exception {
    for (int run = 0; run < o.runs(); run++) {
      for (int size : sizes) {
        List<Target> ts = selected(targets);
        if (run % 2 == 1) {
          Collections.reverse(ts);
        }
        for (Target t : ts) {
          double rate = Load.echoRate(client, t, size, conns, window, o.timing());
          results.add(figure, prefix + label(size), t.name, unit,
              unit.equals("MB/s") ? rate * size / 1e6 : rate);
        }
      }
    }
  }

  void handshakes(String figure, String kase, PerfClient client, List<Target> targets)
      throws Exception {
    List<Target> chosen = selected(targets);
    for (Target t : chosen) {
      Load.handshakeRate(client, t, 1, Math.min(500, o.warmupMillis()), 1_000);
    }
    for (int run = 0; run < o.runs(); run++) {
      List<Target> ts = new ArrayList<>(chosen);
      if (run % 2 == 1) {
        Collections.reverse(ts);
      }
      for (Target t : ts) {
        // This process's CPU per handshake (client and, for STC, the in-process host; for TLS the
        // in-process echo server); it includes JIT compilation and, under load, contention.
        long self = ProcessHandle.current().pid();
        long cpu0 = ProcessCpu.nanos(self);
        long t0 = System.nanoTime();
        double rate = Load.handshakeRate(client, t, 2, o.measureMillis(), 1_000_000);
        double count = rate * (System.nanoTime() - t0) / 1e9;
        long cpu = ProcessCpu.nanos(self) - cpu0;
        results.add(figure, kase, t.name, "hs/s", rate);
        if (cpu0 >= 0 && count > 0) {
          results.add(figure, kase + " CPU", t.name, "CPU ms/hs", cpu / 1e6 / count);
        }
      }
    }
  }

  /** The targets whose name contains {@code -only} (for profiling one variant), else all. */
  private static List<Target> selected(List<Target> targets) {
    String only = System.getProperty("stc.perf.only");
    List<Target> out = new ArrayList<>();
    for (Target t : targets) {
      if (only == null || t.name.contains(only)) {
        out.add(t);
      }
    }
    return out;
  }

  static String label(int size) {
    return size >= 1024 ? size / 1024 + " KiB" : size + " B";
  }

  static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
