package org.openstc.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Token iteration of figure h (three member host processes): every variant measured once, with a
 * rate and each member host's CPU, and the ratio table printed. The numbers mean nothing here.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class HaFigureTest {

  @Test
  void figureHMeasuresEveryGroupSizeBesideTheDirectSlot() throws Exception {
    PerfMain m = new PerfMain(PerfMain.Options.quick("h"));
    new HaFigure(m.o, m.results).run(); // without run()'s echo servers, which figure h does not use
    for (HaFigure.Op op : HaFigure.Op.values()) {
      String kase = HaFigure.kase(op);
      assertTrue(m.results.samples("h", kase, HaFigure.DIRECT).get(0) > 0, kase);
      for (int k = 1; k <= HaFigure.MEMBERS; k++) {
        assertTrue(m.results.samples("h", kase, HaFigure.group(k)).get(0) > 0, kase + " " + k);
        for (int i = 0; i < k; i++) { // each member host did the work of its share
          var cpu = m.results.samples("h", kase, HaFigure.group(k) + ": member " + i + " host CPU");
          assertEquals(1, cpu.size());
          assertTrue(cpu.get(0) >= 0, "read from /proc: " + cpu);
        }
      }
    }
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    m.report(new PrintStream(table, true, StandardCharsets.UTF_8));
    assertTrue(table.toString(StandardCharsets.UTF_8).contains("| h | sign Ed25519 64 B, 4 threads | HA 3 members: "),
        table.toString(StandardCharsets.UTF_8));
  }
}
