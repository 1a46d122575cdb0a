package org.openstc.conformance.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openstc.conformance.CaseResult;
import org.openstc.conformance.Verdict;

/**
 * The report as JUnit XML (the Ant/Surefire schema CI servers read): one testcase per case,
 * classname = the clause, a failure for FAIL and skipped (with the reason) for UNSUPPORTED.
 */
public final class JunitXmlReport {
  private JunitXmlReport() {}

  public static String render(String suiteName, List<CaseResult> results) {
    Map<Verdict, Integer> n = TextReport.counts(results);
    double seconds = results.stream().mapToLong(CaseResult::millis).sum() / 1000.0;
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append(String.format("<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" "
        + "skipped=\"%d\" time=\"%.3f\">%n", esc(suiteName), results.size(), n.get(Verdict.FAIL),
        n.get(Verdict.UNSUPPORTED), seconds));
    for (CaseResult r : results) {
      b.append(String.format("  <testcase classname=\"%s\" name=\"%s %s\" time=\"%.3f\"",
          esc("STC1." + r.testCase().clause()), esc(r.id()), esc(r.testCase().description()),
          r.millis() / 1000.0));
      if (r.verdict() == Verdict.PASS) {
        b.append("/>\n");
        continue;
      }
      b.append(">\n");
      if (r.verdict() == Verdict.FAIL) {
        b.append(String.format("    <failure message=\"%s\" type=\"%s\"/>%n", esc(r.reason()),
            r.testCase().required() ? "required" : "optional"));
      } else {
        b.append(String.format("    <skipped message=\"%s\"/>%n", esc("unsupported: " + r.reason())));
      }
      b.append("  </testcase>\n");
    }
    return b.append("</testsuite>\n").toString();
  }

  /** XML attribute escaping; control characters other than tab/newline become spaces. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&': b.append("&amp;"); break;
        case '<': b.append("&lt;"); break;
        case '>': b.append("&gt;"); break;
        case '"': b.append("&quot;"); break;
        case '\'': b.append("&apos;"); break;
        default: b.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
      }
    }
    return b.toString();
  }

  public static void write(Path file, String xml) throws IOException {
    Files.writeString(file, xml, StandardCharsets.UTF_8);
  }
}
