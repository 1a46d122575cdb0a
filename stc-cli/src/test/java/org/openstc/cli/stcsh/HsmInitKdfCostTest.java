package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;
import org.openstc.cli.common.ExitCode;
import org.openstc.crypto.Argon2Cost;
import org.openstc.partition.store.Hsm;

/**
 * hsm init -kdf-memory/-kdf-passes/-kdf-lanes: the host's Argon2id cost, RFC 9106's by default;
 * a lower one warns once at init and stays visible in hsm show; a bad one is a usage error.
 */
class HsmInitKdfCostTest {
  static final String WARNING = "WARNING: Argon2id cost 64 KiB, 1 pass, 1 lane is below RFC 9106's"
      + " recommendation (64 MiB, 3 passes, 4 lanes)";
  @TempDir Path dir;

  @Test
  void aCheapHostWarnsAtInitAndShowsItsCost() throws Exception {
    StcShHarness h = new StcShHarness(dir);
    assertEquals(0, h.run(CheapKdf.with("hsm", "init", "-label", "cheap", "-password",
        StcShHarness.SO_PASSWORD)), h.both());
    assertTrue(h.err.contains(WARNING), h.both());
    assertEquals(1, h.err.lines().filter(l -> l.contains("Argon2id")).count(), "one line: " + h.err);
    assertEquals(new Argon2Cost(64, 1, 1), Hsm.record(dir).kdf());

    assertEquals(0, h.run("hsm", "show"), h.both());
    assertTrue(h.out.contains("Password hashing: Argon2id, 64 KiB, 1 pass, 1 lane (BELOW RFC 9106's"
        + " recommendation)"), h.out);
    assertEquals(0, h.run("hsm", "show", "-json"), h.both());
    assertTrue(h.out.replace(" ", "").contains("\"memoryKiB\":64"), h.out);
    assertTrue(h.out.replace(" ", "").contains("\"belowRecommendation\":true"), h.out);
  }

  @Test
  void theDefaultIsRfc9106AndSaysNothing() throws Exception {
    StcShHarness h = new StcShHarness(dir);
    assertEquals(0, h.run("hsm", "init", "-label", "full", "-password", StcShHarness.SO_PASSWORD),
        h.both());
    assertFalse(h.err.contains("Argon2id"), h.both());
    assertEquals(Argon2Cost.RECOMMENDED, Hsm.record(dir).kdf());
    assertEquals(0, h.run("hsm", "show"), h.both());
    assertTrue(h.out.contains("Password hashing: Argon2id, 64 MiB, 3 passes, 4 lanes\n"), h.out);
  }

  @Test
  void aCostOutOfRangeIsAUsageErrorBeforeAnyPasswordAndCreatesNothing() {
    StcShHarness h = new StcShHarness(dir);
    String[][] bad = {{"-kdf-memory", "7", "-kdf-lanes", "1"}, {"-kdf-passes", "0"},
        {"-kdf-lanes", "17"}, {"-kdf-memory", "lots"}, {"-kdf-memory", "16", "-kdf-lanes", "4"}};
    for (String[] b : bad) {
      String[] args = new String[4 + b.length];
      System.arraycopy(new String[] {"hsm", "init", "-label", "bad"}, 0, args, 0, 4);
      System.arraycopy(b, 0, args, 4, b.length);
      // no password given: a prompt would read the empty input and fail differently
      assertEquals(ExitCode.USAGE.code(), h.run(args), String.join(" ", b) + ": " + h.both());
      assertTrue(h.err.contains("-kdf") || h.err.contains("Argon2"), h.both());
      assertFalse(h.err.contains("Exception"), h.both());
      assertFalse(Hsm.isInitialized(dir));
    }
  }
}
