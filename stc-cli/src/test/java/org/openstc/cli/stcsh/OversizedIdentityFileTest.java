package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client register -file /dev/zero} fails at once with one clear error (it read until
 * OutOfMemoryError before); the timeout only keeps a regression from hanging the build.
 */
class OversizedIdentityFileTest {
  @TempDir Path home;

  @Test
  void devZeroAsAClientIdentityFile() {
    StcShHarness sh = StcShHarness.initialized(home);
    assertEquals(0, sh.run("partition", "create", "-partition", "par1", "-size", "100000"), sh.both());
    int status = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> sh.run("client", "register",
        "-partition", "par1", "-label", "c1", "-file", "/dev/zero"));
    assertTrue(status != 0 && sh.err.contains("/dev/zero is larger than 16384 bytes"), sh.both());
    assertFalse(sh.both().contains("OutOfMemoryError") || sh.both().contains("\tat "), sh.both());
  }
}
