package org.openstc.identity.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every small file is read with its limit: an endless device or a huge sparse file fails with a
 * clear message instead of filling the heap (IdentityFile.read of /dev/zero died of
 * OutOfMemoryError before). The timeout only keeps a regression from hanging the build.
 */
class SmallFilesTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(60);
  private static final Path DEV_ZERO = Path.of("/dev/zero");
  @TempDir Path dir;

  @Test
  void readsUpToTheLimitAndRefusesOneByteMore() throws Exception {
    Path f = dir.resolve("f");
    Files.write(f, new byte[100]);
    assertArrayEquals(new byte[100], SmallFiles.read(f, 100));
    Files.write(f, new byte[101]);
    SmallFiles.TooLarge e = assertThrows(SmallFiles.TooLarge.class, () -> SmallFiles.read(f, 100));
    assertTrue(e.getMessage().contains(f + " is larger than 100 bytes"), e.getMessage());
  }

  @Test
  void anEndlessDeviceIsRefused() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      assertThrows(SmallFiles.TooLarge.class, () -> SmallFiles.read(DEV_ZERO));
    });
  }

  @Test
  void devZeroAsAnIdentityFileFailsWithOneClearError() {
    IdentityFileException e = assertTimeoutPreemptively(HANG_GUARD,
        () -> assertThrows(IdentityFileException.class, () -> IdentityFile.read(DEV_ZERO)));
    assertEquals(IdentityFileException.Reason.IO_ERROR, e.reason());
    assertTrue(e.getMessage().contains("/dev/zero is larger than 16384 bytes"), e.getMessage());
  }

  @Test
  void aHugeSparseIdentityFileIsRefusedBeforeReading() throws Exception {
    Path sparse = dir.resolve("huge.stcid");
    try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
      f.setLength(100L * 1024 * 1024);
    }
    IdentityFileException e = assertTimeoutPreemptively(HANG_GUARD,
        () -> assertThrows(IdentityFileException.class, () -> IdentityFile.read(sparse)));
    assertTrue(e.getMessage().contains("not an identity file"), e.getMessage());
  }
}
