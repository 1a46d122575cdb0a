package org.openstc.conformance.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.openstc.conformance.CaseResult;
import org.openstc.conformance.Verdict;

/** The terminal table: id, clause, expected, observed, verdict; reasons below; a summary line. */
public final class TextReport {
  private static final int ID = 16;
  private static final int CLAUSE = 30;
  private static final int CODE = 38;

  private TextReport() {}

  public static String render(String target, List<CaseResult> results) {
    StringBuilder b = new StringBuilder();
    b.append("STC/1 conformance: ").append(target).append('\n');
    b.append(String.format("%-" + ID + "s %-" + CLAUSE + "s %-" + CODE + "s %-" + CODE + "s %s%n", "id",
        "clause", "expected", "observed", "result"));
    for (CaseResult r : results) {
      b.append(row(r)).append('\n');
    }
    for (CaseResult r : results) {
      if (r.verdict() != Verdict.PASS) {
        b.append(r.id()).append(' ').append(r.verdict()).append(": ").append(r.reason())
            .append('\n');
      }
    }
    return b.append(summary(results)).append('\n').toString();
  }

  /** One table row. */
  public static String row(CaseResult r) {
    String verdict = r.verdict().name() + (r.testCase().required() ? "" : " (optional)");
    return String.format("%-" + ID + "s %-" + CLAUSE + "s %-" + CODE + "s %-" + CODE + "s %s", r.id(),
        clip(r.testCase().clause(), CLAUSE), clip(r.testCase().expected().label(), CODE),
        clip(r.observed().label(), CODE), verdict);
  }

  public static String summary(List<CaseResult> results) {
    Map<Verdict, Integer> n = counts(results);
    return String.format("%d cases: %d passed, %d failed, %d unsupported", results.size(),
        n.get(Verdict.PASS), n.get(Verdict.FAIL), n.get(Verdict.UNSUPPORTED));
  }

  static Map<Verdict, Integer> counts(List<CaseResult> results) {
    Map<Verdict, Integer> n = new EnumMap<>(Verdict.class);
    for (Verdict v : Verdict.values()) {
      n.put(v, 0);
    }
    results.forEach(r -> n.merge(r.verdict(), 1, Integer::sum));
    return n;
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "~";
  }
}
