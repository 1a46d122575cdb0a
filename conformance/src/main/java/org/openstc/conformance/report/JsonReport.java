package org.openstc.conformance.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.openstc.conformance.CaseResult;
import org.openstc.conformance.Verdict;

/**
 * The machine-readable report: one object per case with the expected and observed outcome (kind,
 * exact STC error name and code when there is one), the verdict and the reason, plus totals.
 */
public final class JsonReport {
  private JsonReport() {}

  public static String render(String target, String direction, List<CaseResult> results,
      boolean passed) {
    JsonObject root = new JsonObject();
    root.addProperty("suite", "openstc STC/1 conformance");
    root.addProperty("target", target);
    root.addProperty("direction", direction);
    root.addProperty("finished", Instant.now().toString());
    Map<Verdict, Integer> n = TextReport.counts(results);
    JsonObject totals = new JsonObject();
    totals.addProperty("cases", results.size());
    n.forEach((v, c) -> totals.addProperty(v.name().toLowerCase(), c));
    root.add("totals", totals);
    root.addProperty("passed", passed);
    JsonArray cases = new JsonArray();
    for (CaseResult r : results) {
      JsonObject c = new JsonObject();
      c.addProperty("id", r.id());
      c.addProperty("clause", r.testCase().clause());
      c.addProperty("description", r.testCase().description());
      c.addProperty("required", r.testCase().required());
      c.add("expected", outcome(r.testCase().expected()));
      c.add("observed", outcome(r.observed()));
      c.addProperty("sanity", r.sanity() == null ? "ok" : r.sanity());
      c.addProperty("verdict", r.verdict().name());
      c.addProperty("reason", r.reason());
      c.addProperty("millis", r.millis());
      cases.add(c);
    }
    root.add("cases", cases);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
  }

  private static JsonObject outcome(org.openstc.conformance.Outcome o) {
    JsonObject j = new JsonObject();
    j.addProperty("kind", o.kind().name());
    if (o.error() != null) {
      j.addProperty("error", o.error().name());
      j.addProperty("code", o.error().hex());
    }
    if (!o.detail().isEmpty()) {
      j.addProperty("detail", o.detail());
    }
    return j;
  }

  public static void write(Path file, String json) throws IOException {
    Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
  }
}
