package org.openstc.conformance.keys;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A test key file is read with its limit: /dev/zero (one endless line, read until
 * OutOfMemoryError before) fails at once. The timeout only keeps a regression from hanging.
 */
class TestKeyFileLimitTest {
  @Test
  void devZeroIsNotATestKeyFile() {
    IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(IOException.class, () -> TestKeyFile.read(Path.of("/dev/zero"))));
    assertTrue(e.getMessage().contains("not a test key file (too large)"), e.getMessage());
  }
}
