package org.openstc.identity.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one owner-only atomic file writer: unique temporary names, 0600 from the start, no leftovers. */
class OwnerOnlyFilesTest {
  @TempDir Path dir;

  @Test
  void concurrentWritersOfOneFileAllSucceedAndLeaveOneWholeVersion() throws Exception {
    Path file = dir.resolve("master.key");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        byte[] data = ("writer " + t + " ").repeat(500).getBytes(StandardCharsets.US_ASCII);
        done.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            OwnerOnlyFiles.write(file, data);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdown();
    }
    String content = Files.readString(file);
    assertTrue(content.matches("(writer [0-3] ){500}") && content.equals(content.substring(0, 9).repeat(500)));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void theFileIsOwnerOnlyAndReplacesAWiderOne() throws Exception {
    Path file = dir.resolve("id.pid");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    OwnerOnlyFiles.write(file, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void aPlantedFileAtAPredictableTemporaryNameIsNeitherUsedNorFollowed() throws Exception {
    Path victim = dir.resolve("victim");
    Files.writeString(victim, "untouched");
    Path file = dir.resolve("secret.key");
    Files.createSymbolicLink(dir.resolve("secret.key.tmp"), victim);
    OwnerOnlyFiles.write(file, "secret".getBytes(StandardCharsets.US_ASCII));
    assertEquals("untouched", Files.readString(victim));
    assertEquals("secret", Files.readString(file));
    assertTrue(Files.isSymbolicLink(dir.resolve("secret.key.tmp")));
  }

  @Test
  void directoriesAreCreatedOwnerOnlyWithTheirMissingParents() throws Exception {
    Path deep = dir.resolve("a").resolve("b");
    OwnerOnlyFiles.createDirectories(deep);
    for (Path p : new Path[] {deep, deep.getParent()}) {
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
    }
  }
}
