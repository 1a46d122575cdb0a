package org.openstc.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/**
 * Figure g: round trips of established channels (ECHO command, 64 B, one at a time per channel)
 * with and without a bounded flood of bogus OPENs and half-open connections from another process
 * ({@link OpenFlood}) against the same host ({@link HostProcess}, a third JVM, so that its heap can
 * be read). Each run measures without the flood, then with it (reversed on odd runs), on the same
 * channels; reports p50 and p99, their ratio, the flood's answered OPENs per second and the host's
 * used heap after GC while the flood runs.
 */
final class FloodFigure {
  static final String CASE = "64 B echo";
  private final PerfMain.Options o;
  private final Results results;
  private final TestPki pki;
  private final int channels;
  private final int openers;
  private final int halfOpen;

  FloodFigure(PerfMain.Options o, Results results, TestPki pki, int channels, int openers,
      int halfOpen) {
    this.o = o;
    this.results = results;
    this.pki = pki;
    this.channels = channels;
    this.openers = openers;
    this.halfOpen = halfOpen;
  }

  void run() throws Exception {
    Path dir = Files.createTempDirectory("stc-perf-flood");
    pki.writeServerFiles(dir); // the host process also serves TLS (unused here)
    InMemoryStaticKey client = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
    Process host = ChildJvm.start(HostProcess.class, dir.toString(),
        HexFormat.of().formatHex(client.publicKey()));
    try (BufferedReader in = reader(host);
        PrintWriter out = writer(host)) {
      String[] ready = in.readLine().split(" ");
      int port = Integer.parseInt(ready[1]);
      try (EchoLatency echo = new EchoLatency(channels, port, Long.parseLong(ready[3]),
          PeerIdentity.of(KeyType.X25519, HexFormat.of().parseHex(ready[4])), client)) {
        for (int run = 0; run < o.runs(); run++) {
          EchoLatency.Result quiet = null;
          EchoLatency.Result flooded = null;
          for (boolean flood : run % 2 == 0 ? new boolean[] {false, true}
              : new boolean[] {true, false}) {
            if (flood) {
              flooded = withFlood(echo, port, ready[3], ready[4], in, out);
            } else {
              quiet = echo.measure(o.warmupMillis(), o.measureMillis());
            }
          }
          add("p50 no flood", "us", quiet.p50());
          add("p99 no flood", "us", quiet.p99());
          add("p50 with flood", "us", flooded.p50());
          add("p99 with flood", "us", flooded.p99());
          add("p99 with / without flood", "x", flooded.p99() / quiet.p99());
          add("echo round trips/s no flood", "rt/s", quiet.rate());
          add("echo round trips/s with flood", "rt/s", flooded.rate());
        }
      }
      out.println("quit");
      host.waitFor(10, TimeUnit.SECONDS);
    } finally {
      host.destroy();
      StcFixture.deleteTree(dir);
    }
  }

  private EchoLatency.Result withFlood(EchoLatency echo, int port, String serial, String key,
      BufferedReader hostIn, PrintWriter hostOut) throws Exception {
    Process flood = ChildJvm.start(OpenFlood.class, String.valueOf(port), serial, key,
        String.valueOf(openers), String.valueOf(halfOpen));
    try (BufferedReader in = reader(flood);
        PrintWriter out = writer(flood)) {
      expect(in, "FLOODING");
      EchoLatency.Result r = echo.measure(o.warmupMillis(), o.measureMillis());
      long heap = IdleHeap.heap(hostIn, hostOut);
      out.println("quit");
      String[] stats = expect(in, "FLOOD ").split(" ", 5);
      flood.waitFor(10, TimeUnit.SECONDS);
      add("flood: OPENs answered/s", "OPEN/s",
          Long.parseLong(stats[1]) * 1e9 / Long.parseLong(stats[2]));
      add("flood: half-open connections made", "conn", Long.parseLong(stats[3]));
      add("host heap after GC during flood", "MiB", heap / (1024.0 * 1024));
      System.err.println("  g flood answers: " + stats[4]);
      return r;
    } finally {
      flood.destroy();
    }
  }

  private void add(String variant, String unit, double value) {
    results.add("g", CASE, variant, unit, value);
  }

  private static String expect(BufferedReader in, String prefix) throws IOException {
    String line = in.readLine();
    if (line == null || !line.startsWith(prefix)) {
      throw new IOException("expected " + prefix.trim() + ", got " + line);
    }
    return line;
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private static PrintWriter writer(Process p) {
    return new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
  }
}
