package org.openstc.conformance.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shim's usage errors exit 2 and say what is wrong (conformance/README.md, rule 6). */
class ReferenceShimTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ReferenceShim.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static final String[] VALID = {"-host", "127.0.0.1", "-port", "1", "-serial", "7",
      "-pid", "p.pid", "-client-key", "c.testkey", "-message", "00ff"};

  @Test
  void missingRequiredOptionIsAUsageError() {
    assertEquals(2, run("-host", "127.0.0.1", "-port", "1"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("-serial"), err.toString());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void unknownOptionIsAUsageError() {
    String[] args = java.util.Arrays.copyOf(VALID, VALID.length + 1);
    args[VALID.length] = "-bogus";
    assertEquals(2, run(args));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("-bogus"), err.toString());
  }

  @Test
  void badHexAndBadPortAreUsageErrors() {
    String[] badHex = VALID.clone();
    badHex[11] = "0g";
    assertEquals(2, run(badHex));
    String[] badPort = VALID.clone();
    badPort[3] = "eighty";
    assertEquals(2, run(badPort));
  }

  @Test
  void validArgumentsReachTheSetUp() {
    // The files do not exist: parsing succeeded and the set-up failed (exit 2, no ERROR line).
    assertEquals(2, run(VALID));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("shim setup failed"), err.toString());
  }
}
