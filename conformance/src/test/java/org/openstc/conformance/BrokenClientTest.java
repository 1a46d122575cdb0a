package org.openstc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.conformance.client.ClientCases;
import org.openstc.conformance.client.ClientTarget;
import org.openstc.crypto.CryptoProviders;

/**
 * The client direction can fail too: a "client" that prints the expected reply without checking
 * anything passes the happy path (so happy paths alone prove nothing) and fails every hostile
 * case that was tried, and a client that errs with the wrong code fails as well.
 */
class BrokenClientTest {

  @Test
  void aClientThatChecksNothingIsCaught(@TempDir Path dir) throws Exception {
    Map<String, Verdict> v = run(dir, "#!/bin/sh\n"
        + "while [ $# -gt 0 ]; do [ \"$1\" = -message ] && echo \"$2\"; shift; done\nexit 0\n");
    assertEquals(Verdict.PASS, v.get("CLIENT-SUITE-001"));
    assertEquals(Verdict.FAIL, v.get("CLIENT-OPEN-002"));
    assertEquals(Verdict.FAIL, v.get("CLIENT-REC-001"));
    assertEquals(Verdict.FAIL, v.get("CLIENT-TIME-001"));
  }

  @Test
  void aClientThatReportsTheWrongCodeIsCaught(@TempDir Path dir) throws Exception {
    Map<String, Verdict> v = run(dir, "#!/bin/sh\necho 'ERROR CKR_STC_NO_CONTEXT'\nexit 1\n");
    assertFalse(v.containsValue(Verdict.PASS), v.toString());
  }

  private static Map<String, Verdict> run(Path dir, String script) throws Exception {
    Path shim = dir.resolve("shim.sh");
    Files.writeString(shim, script);
    Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwx------"));
    ClientTarget target = new ClientTarget(List.of(shim.toString()), dir, CryptoProviders.jca(),
        10_000);
    List<String> ids = List.of("CLIENT-SUITE-001", "CLIENT-OPEN-002", "CLIENT-REC-001",
        "CLIENT-TIME-001");
    Map<String, Verdict> out = new TreeMap<>();
    for (CaseResult r : new Runner<>(target).run(ClientCases.all(), c -> ids.contains(c.id()))) {
      out.put(r.id(), r.verdict());
    }
    assertEquals(ids.size(), out.size());
    return out;
  }
}
