package org.openstc.cli.stccm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files the client tools read are refused past their size limit with one clear error, never read
 * whole: /dev/zero as a partition identity file, a huge sparse server list. The timeout only keeps
 * a regression (reading /dev/zero until the heap is gone) from hanging the build.
 */
class OversizedFilesTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  @TempDir Path home;
  StcCmHarness cm;

  @BeforeEach
  void aToken() {
    cm = new StcCmHarness(home);
    assertEquals(0, cm.run("stc", "tokeninit", "-label", "tok"), cm.both());
  }

  @Test
  void devZeroAsAPartitionIdentityFile() {
    int status = assertTimeoutPreemptively(HANG_GUARD,
        () -> cm.run("stc", "partitionregister", "-file", "/dev/zero"));
    assertTrue(status != 0, cm.both());
    assertTrue(cm.both().contains("/dev/zero is larger than 16384 bytes"), cm.both());
    assertFalse(cm.both().contains("OutOfMemoryError") || cm.both().contains("\tat "), cm.both());
  }

  @Test
  void aHugeSparseIdentityFile() throws Exception {
    Path pid = sparse(home.resolve("1.pid"), 100L * 1024 * 1024);
    int status = assertTimeoutPreemptively(HANG_GUARD,
        () -> cm.run("stc", "partitionregister", "-file", pid.toString()));
    assertTrue(status != 0 && cm.both().contains("not an identity file"), cm.both());
  }

  @Test
  void aHugeSparseServerList() throws Exception {
    sparse(home.resolve("servers.json"), 100L * 1024 * 1024);
    int status = assertTimeoutPreemptively(HANG_GUARD, () -> cm.run("clientconfig", "listservers"));
    assertTrue(status != 0 && cm.both().contains("is larger than 1048576 bytes"), cm.both());
  }

  private static Path sparse(Path file, long size) throws Exception {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
    assertEquals(size, Files.size(file));
    return file;
  }
}
