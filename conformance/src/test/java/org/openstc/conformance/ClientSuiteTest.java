package org.openstc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.conformance.client.ClientCases;
import org.openstc.conformance.client.ClientTarget;
import org.openstc.conformance.host.HostProcess;
import org.openstc.conformance.report.TextReport;
import org.openstc.conformance.shim.ReferenceShim;
import org.openstc.crypto.CryptoProviders;

/** Every client case against our ReferenceShim, launched as a child JVM: all must pass. */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // one child JVM per case: about 35 s unloaded
class ClientSuiteTest {

  @Test
  void everyCasePassesAgainstOurClient(@TempDir Path dir) throws Exception {
    List<String> shim = HostProcess.javaCommand();
    shim.add(ReferenceShim.class.getName());
    ClientTarget target = new ClientTarget(shim, dir, CryptoProviders.jca(), 20_000);
    List<CaseResult> results = new Runner<>(target).runParallel(ClientCases.all(), c -> true, 2);
    System.out.println(TextReport.render(target.describe(), results));
    List<String> notPassed = new ArrayList<>();
    for (CaseResult r : results) {
      if (r.verdict() != Verdict.PASS) {
        notPassed.add(r.id() + ": " + r.verdict() + " " + r.reason());
      }
    }
    assertEquals(List.of(), notPassed);
  }
}
