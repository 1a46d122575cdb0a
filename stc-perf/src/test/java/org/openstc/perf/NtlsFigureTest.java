package org.openstc.perf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Token iteration of figure n alone: NTLS, STC and TLS rows in one run, NTLS with its ratio. */
class NtlsFigureTest {
  @Test
  void figureNMeasuresNtlsBesideStcAndTls() throws Exception {
    PerfMain m = new PerfMain(PerfMain.Options.quick("n"));
    m.run();
    for (String kase : new String[] {"rt 64 B", "rt 16 KiB", "4x64 1 KiB", "links"}) {
      for (String variant : new String[] {NtlsFigure.NAME, "TLS 1.3 mutual",
          "STC echo cmd x25519/AESGCM/SHA256"}) {
        assertFalse(m.results.samples("n", kase, variant).isEmpty(), kase + " " + variant);
      }
    }
    assertTrue(m.results.samples("n", "links", NtlsFigure.NAME).get(0) > 0);
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    m.report(new PrintStream(table, true, StandardCharsets.UTF_8));
    String t = table.toString(StandardCharsets.UTF_8);
    assertTrue(t.matches("(?s).*\\| n \\| rt 64 B \\| " + NtlsFigure.NAME + " \\|[^\\n]*\\[.*"), t);
  }
}
