package org.openstc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A ratio estimator for shared, noisy machines, to read next to the JMH tables: instead of
 * measuring raw AES-GCM and each channel variant minutes apart (as JMH runs benchmarks one after
 * another), it alternates short slices of each, round after round, in one warmed-up JVM, and
 * reports the median over rounds of {@code channel ops/s / raw ops/s of the same round}. Load that
 * comes and goes hits both sides of each ratio alike.
 *
 * <pre>
 * java -cp stc-bench/target/benchmarks.jar org.openstc.bench.Interleaved [rounds] [sliceMillis]
 * </pre>
 */
public final class Interleaved {
  private static final String[] SIZES = {"64", "1024", "16384", "65536"};
  private static final String[] VARIANTS = {"AESGCM", "AESGCM_INTEGRITY", "CHACHAPOLY",
      "CHACHAPOLY_INTEGRITY", "RAW_ALLOCATING"};
  /** Not a channel: raw AES-GCM plus one payload allocation per open, as evidence. */
  private static final String RAW_ALLOC = "RAW_ALLOCATING";

  private final RecordBenchmark bench = new RecordBenchmark();
  private long sink;

  private Interleaved() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    long sliceNanos = (args.length > 1 ? Long.parseLong(args[1]) : 50) * 1_000_000L;
    System.out.print(new Interleaved().run(rounds, sliceNanos));
  }

  /** For the smoke test: a token run. */
  static String tokenRun() throws Exception {
    return new Interleaved().run(1, 1_000_000L);
  }

  String run(int rounds, long sliceNanos) throws Exception {
    Map<String, RecordBenchmark.RawState> raws = new LinkedHashMap<>();
    Map<String, RecordBenchmark.ChannelState> channels = new LinkedHashMap<>();
    for (String size : SIZES) {
      RecordBenchmark.RawState raw = new RecordBenchmark.RawState();
      raw.size = Integer.parseInt(size);
      raw.setUp();
      raws.put(size, raw);
      for (String variant : channelVariants()) {
        RecordBenchmark.ChannelState s = new RecordBenchmark.ChannelState();
        s.size = raw.size;
        s.variant = variant;
        s.setUp();
        channels.put(size + "/" + variant, s);
      }
    }
    for (int i = 0; i < 5; i++) { // warm-up: five rounds of 4x slices, results discarded
      for (String size : SIZES) {
        rate(raws.get(size), null, 4 * sliceNanos);
        for (String v : channelVariants()) {
          rate(null, channels.get(size + "/" + v), 4 * sliceNanos);
        }
        rate(raws.get(size), null, 4 * sliceNanos, true);
      }
    }
    Map<String, List<Double>> ratios = new LinkedHashMap<>();
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    for (int r = 0; r < rounds; r++) {
      for (String size : SIZES) {
        for (String v : VARIANTS) {
          RecordBenchmark.ChannelState ch = channels.get(size + "/" + v);
          RecordBenchmark.RawState rs = raws.get(size);
          boolean alloc = v.equals(RAW_ALLOC);
          double raw;
          double channel;
          if (r % 2 == 0) {
            raw = rate(rs, null, sliceNanos);
            channel = alloc ? rate(rs, null, sliceNanos, true) : rate(null, ch, sliceNanos);
          } else {
            channel = alloc ? rate(rs, null, sliceNanos, true) : rate(null, ch, sliceNanos);
            raw = rate(rs, null, sliceNanos);
          }
          ratios.computeIfAbsent(size + "/" + v, k -> new ArrayList<>()).add(channel / raw);
          rates.computeIfAbsent(size + "/" + v, k -> new ArrayList<>()).add(channel);
          rates.computeIfAbsent(size + "/raw", k -> new ArrayList<>()).add(raw);
        }
      }
    }
    return table(ratios, rates, rounds, sliceNanos) + (sink == 42 ? " " : "");
  }

  /** Operations per second over one slice of {@code nanos}. */
  private double rate(RecordBenchmark.RawState raw, RecordBenchmark.ChannelState ch, long nanos)
      throws Exception {
    return rate(raw, ch, nanos, false);
  }

  private double rate(RecordBenchmark.RawState raw, RecordBenchmark.ChannelState ch, long nanos,
      boolean allocating) throws Exception {
    long ops = 0;
    long start = System.nanoTime();
    long end = start + nanos;
    long now;
    do {
      byte[] out = raw == null ? bench.channel(ch)
          : allocating ? bench.rawAesGcmAllocating(raw) : bench.rawAesGcm(raw);
      sink += out.length == 0 ? 0 : out[0];
      ops++;
      now = System.nanoTime();
    } while (now < end);
    return ops * 1e9 / (now - start);
  }

  private static String table(Map<String, List<Double>> ratios, Map<String, List<Double>> rates,
      int rounds, long sliceNanos) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nInterleaved: %d rounds, %d ms slices; JVM %s %s%n",
        rounds, sliceNanos / 1_000_000, System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version")));
    out.append("ratio = median over rounds of (STC or raw+alloc) / rawAesGcm in the same round")
        .append(" [min..max]; MB/s = median\n\n| size | rawAesGcm MB/s |");
    for (String v : VARIANTS) {
      out.append(v.equals(RAW_ALLOC) ? " raw+alloc" : " STC " + v).append(" MB/s | ratio |");
    }
    out.append("\n|---:|---:|").append("---:|---:|".repeat(VARIANTS.length)).append('\n');
    for (String size : SIZES) {
      double mb = Integer.parseInt(size) / 1e6;
      out.append("| ").append(size).append(" | ")
          .append(String.format(Locale.ROOT, "%.0f", median(rates.get(size + "/raw")) * mb))
          .append(" |");
      for (String v : VARIANTS) {
        List<Double> q = ratios.get(size + "/" + v);
        out.append(String.format(Locale.ROOT, " %.0f | %.2f [%.2f..%.2f] |",
            median(rates.get(size + "/" + v)) * mb, median(q), min(q), max(q)));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String[] channelVariants() {
    return java.util.Arrays.stream(VARIANTS).filter(v -> !v.equals(RAW_ALLOC))
        .toArray(String[]::new);
  }

  static double median(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  static double min(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  static double max(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
