package org.openstc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.conformance.host.InProcessHost;
import org.openstc.conformance.partition.PartitionCases;
import org.openstc.conformance.partition.PartitionTarget;
import org.openstc.conformance.report.TextReport;
import org.openstc.crypto.CryptoProviders;

/** Every partition case against our own host, configured with every profile: all must pass. */
class PartitionSuiteTest {

  @Test
  void everyCasePassesAgainstOurHost(@TempDir Path dir) throws Exception {
    try (InProcessHost host = InProcessHost.start(dir)) {
      PartitionTarget target = new PartitionTarget(host.targetFiles().load(), CryptoProviders.jca());
      List<CaseResult> results = new Runner<>(target).run(PartitionCases.all(), c -> true);
      System.out.println(TextReport.render(target.describe(), results));
      List<String> notPassed = new ArrayList<>();
      List<String> optionalFailed = new ArrayList<>();
      for (CaseResult r : results) {
        if (r.verdict() != Verdict.PASS) {
          (r.testCase().required() ? notPassed : optionalFailed).add(r.id());
        }
      }
      assertEquals(List.of(), notPassed, "required cases that did not pass");
      // Our host closes without REJECT when a connection ends inside a frame (a SHOULD of
      // protocol.md 11.2, reported to the partition-host owner); any other optional miss is new.
      assertTrue(List.of("FRAME-013").containsAll(optionalFailed), "optional: " + optionalFailed);
      assertTrue(Runner.passed(results, true));
      assertTrue(results.size() >= 50, "at least 50 partition cases: " + results.size());
    }
  }
}
