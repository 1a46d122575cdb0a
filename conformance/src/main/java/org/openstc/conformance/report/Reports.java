package org.openstc.conformance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openstc.conformance.CaseResult;

/** Writes the JSON and JUnit XML reports of one run into a directory. */
public final class Reports {
  private Reports() {}

  /**
   * Writes {@code stc-conformance-<direction>.json} and {@code TEST-stc-conformance-<direction>.xml}
   * into {@code dir} (created if needed) and returns the two paths.
   */
  public static List<Path> write(Path dir, String direction, String target,
      List<CaseResult> results, boolean passed) throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve("stc-conformance-" + direction + ".json");
    Path xml = dir.resolve("TEST-stc-conformance-" + direction + ".xml");
    JsonReport.write(json, JsonReport.render(target, direction, results, passed));
    JunitXmlReport.write(xml, JunitXmlReport.render("stc-conformance-" + direction, results));
    return List.of(json, xml);
  }
}
