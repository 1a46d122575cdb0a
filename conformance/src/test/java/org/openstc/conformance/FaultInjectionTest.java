package org.openstc.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openstc.conformance.host.HostProcess;
import org.openstc.conformance.host.InProcessHost;
import org.openstc.conformance.partition.PartitionCases;
import org.openstc.conformance.partition.PartitionTarget;
import org.openstc.crypto.CryptoProviders;

/**
 * The suite proves it can fail: our host, deliberately broken by one fault of the test-fixtures
 * module (stc-testkit's FaultInjectedChecks) in a separate JVM, must fail at least the named cases
 * (and the suite must notice nothing else is wrong). TIME-001 (half an OPEN) is caught by the
 * server's pre-OPEN deadline, which no partition check can lift, so only TIME-002 names that fault.
 *
 * <p>The faults run two at a time (junit-platform.properties): each run is its own host JVM and
 * suite, and most of a run's time is the TIME cases waiting out the 2 s timeouts, which overlap.
 */
class FaultInjectionTest {

  /**
   * {@code exact}: the named cases are the only ones that fail. An unbound prologue also breaks
   * every honest handshake (our client binds the whole prologue), so nearly everything fails then;
   * OPEN-010 is the case that names the defect.
   */
  @ParameterizedTest(name = "{0} is caught by {1}")
  @Execution(ExecutionMode.CONCURRENT)
  @CsvSource({
      "replay-check-off, REC-001 REC-002, true",
      "window-check-off, REC-003, true",
      "key-confirmation-skipped, ACT-001 ACT-002 ACT-003, true",
      "prologue-unbound, OPEN-010 SUITE-001, false",
      "activation-timeout-off, TIME-002, true",
  })
  void brokenHostIsCaught(String fault, String catchers, boolean exact, @TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir);
    try (HostProcess host = HostProcess.start(dir, fault)) {
      PartitionTarget target = new PartitionTarget(
          InProcessHost.targetFiles(dir, host.port()).load(), CryptoProviders.jca());
      List<CaseResult> results = new Runner<>(target).run(PartitionCases.all(), c -> true);
      Set<String> failed = new TreeSet<>();
      for (CaseResult r : results) {
        if (r.verdict() == Verdict.FAIL && r.testCase().required()) {
          failed.add(r.id());
          if (!r.reason().contains("well-behaved peer was not served")) {
            System.out.println(fault + " caught by " + r.id() + ": " + r.reason());
          }
        }
      }
      assertFalse(failed.isEmpty(), fault + " went unnoticed by every case");
      Set<String> expected = new TreeSet<>(List.of(catchers.split(" ")));
      assertTrue(failed.containsAll(expected), fault + ": expected " + expected
          + " to fail, failed: " + failed);
      if (exact) {
        assertTrue(expected.containsAll(failed), fault + ": unrelated cases failed too: " + failed);
      }
      assertFalse(Runner.passed(results, false), "the run must not pass with " + fault);
    }
  }
}
