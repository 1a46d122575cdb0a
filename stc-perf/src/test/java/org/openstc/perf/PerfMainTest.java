package org.openstc.perf;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Token iteration of every figure, so the harness cannot rot: each scenario runs once with tiny
 * counts and durations. The figures it prints mean nothing; that it runs end to end does.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // every figure once: about 35 s unloaded
class PerfMainTest {

  @Test
  void everyFigureRunsEndToEnd() throws Exception {
    PerfMain m = new PerfMain(PerfMain.Options.quick("abcdefgnr"));
    m.run();
    for (String[] row : List.of(new String[] {"a", "64 B", "TCP plain"},
        new String[] {"a", "16 KiB", "TLS 1.3 mutual"},
        new String[] {"a", "1 KiB", "STC echo cmd x25519/AESGCM/SHA256"},
        new String[] {"b", "1 KiB", "STC raw echo x25519/AESGCM/SHA256"},
        new String[] {"c", "64 KiB", "STC raw echo x25519/AESGCM/SHA256"},
        new String[] {"d", "full", "STC echo cmd p521/AESGCM/SHA512"},
        new String[] {"f", "X25519", "STC 10 reg"},
        new String[] {"n", "rt 64 B", NtlsFigure.NAME},
        new String[] {"n", "4x64 16 KiB", NtlsFigure.NAME},
        new String[] {"n", "links", NtlsFigure.NAME},
        new String[] {"e", "20 ch", "STC idle channel"},
        new String[] {"g", FloodFigure.CASE, "p99 no flood"},
        new String[] {"g", FloodFigure.CASE, "p99 with flood"},
        new String[] {"g", FloodFigure.CASE, "host heap after GC during flood"},
        new String[] {"r", "encrypt 1 KiB, 1 ch x 1", CommandFigure.STC},
        new String[] {"r", "encrypt 1 KiB, 1 ch x 64", CommandFigure.STC_WORKERS},
        new String[] {"r", "sign P-256, 1 ch x 64", CommandFigure.TLS},
        new String[] {"r", "sign Ed25519, 4 ch x 64", CommandFigure.LOCAL})) {
      assertFalse(m.results.samples(row[0], row[1], row[2]).isEmpty(), String.join(" ", row));
    }
    assertTrue(m.results.samples("d", "full", "TLS 1.3 mutual").get(0) > 0);
    assertTrue(m.results.samples("d", "full CPU", "STC echo cmd p521/AESGCM/SHA512").get(0) > 0,
        "CPU per handshake");
    assertTrue(m.results.samples("e", "20 ch", "STC idle channel").get(0) > 0);
    assertTrue(m.results.samples("g", FloodFigure.CASE, "flood: OPENs answered/s").get(0) > 0,
        "the flood reached the host");
    ByteArrayOutputStream table = new ByteArrayOutputStream();
    m.report(new PrintStream(table, true, StandardCharsets.UTF_8));
    assertTrue(table.toString(StandardCharsets.UTF_8).contains("| ratio median"));
    assertTrue(table.toString(StandardCharsets.UTF_8).contains("| r | encrypt 16 KiB, 4 ch x 64 | "));
    for (CommandOp op : CommandOp.values()) { // run() checked that the host answers each CKR_OK
      assertFalse(m.results.samples("r", op.label + ", 1 ch x 64", CommandFigure.STC).isEmpty(), op.label);
    }
  }
}
