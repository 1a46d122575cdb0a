package org.openstc.perf;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Samples per (figure, case, variant), one per run, and the table: median with min and max over the
 * runs, and for each STC variant the ratio to the case's reference variant (TLS) computed run by run
 * from measurements taken back to back.
 */
final class Results {
  private final Map<String, Row> rows = new LinkedHashMap<>();

  private static final class Row {
    final String figure;
    final String kase;
    final String variant;
    final String unit;
    final List<Double> samples = new ArrayList<>();

    Row(String figure, String kase, String variant, String unit) {
      this.figure = figure;
      this.kase = kase;
      this.variant = variant;
      this.unit = unit;
    }
  }

  void add(String figure, String kase, String variant, String unit, double value) {
    rows.computeIfAbsent(figure + "|" + kase + "|" + variant,
        k -> new Row(figure, kase, variant, unit)).samples.add(value);
    System.err.printf(Locale.ROOT, "  %s %-10s %-34s %,14.1f %s%n", figure, kase, variant, value,
        unit);
  }

  List<Double> samples(String figure, String kase, String variant) {
    Row r = rows.get(figure + "|" + kase + "|" + variant);
    return r == null ? List.of() : r.samples;
  }

  /** Writes the markdown table; {@code reference} names the variant ratios are taken against. */
  void print(PrintStream out, String reference) {
    out.println("| fig | case | variant | median | min | max | unit | ratio median [min-max] |");
    out.println("|---|---|---|---:|---:|---:|---|---|");
    for (Row r : rows.values()) {
      String refName = r.figure.equals("f") ? "STC 10 reg" : reference;
      List<Double> ref = refSamples(r, refName);
      String ratio = "";
      if (ref != null && (r.variant.startsWith("STC") || r.variant.startsWith("NTLS"))
          && !r.variant.startsWith(refName)) {
        ratio = ratio(r.samples, ref);
      }
      out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.figure, r.kase,
          r.variant, fmt(median(r.samples)), fmt(Collections.min(r.samples)),
          fmt(Collections.max(r.samples)), r.unit, ratio);
    }
  }

  private List<Double> refSamples(Row r, String reference) {
    for (Row o : rows.values()) {
      if (o.figure.equals(r.figure) && o.kase.equals(r.kase) && o.variant.startsWith(reference)) {
        return o.samples;
      }
    }
    return null;
  }

  static String ratio(List<Double> a, List<Double> b) {
    int n = Math.min(a.size(), b.size());
    List<Double> q = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (b.get(i) > 0) { // a reference with no reply in its window (a starved run) has no ratio
        q.add(a.get(i) / b.get(i));
      }
    }
    if (q.isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, "%.2fx [%.2f-%.2f]", median(q), Collections.min(q),
        Collections.max(q));
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static String fmt(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }
}
