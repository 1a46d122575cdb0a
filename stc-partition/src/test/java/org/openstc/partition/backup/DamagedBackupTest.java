package org.openstc.partition.backup;

import org.openstc.partition.store.TestHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.partition.store.HostStore;

/**
 * A backup that is damaged anywhere, cut short, lengthened, opened with the wrong password or of
 * another format version is refused, and the home it was to replace is left byte for byte as it
 * was.
 */
class DamagedBackupTest {
  @TempDir Path dir;
  private byte[] good;
  private Path home;
  private Map<String, byte[]> before;

  @BeforeEach
  void backupAndTarget() throws Exception {
    Path file = dir.resolve("good.bak");
    try (HostStore store = HostBackupTest.host(dir.resolve("host"))) {
      long serial = store.partitions().get("p1").serial();
      for (int i = 0; i < 1500; i++) { // a store of several chunks
        store.objects().generate(serial, ObjectType.ED25519, "k" + i);
      }
      HostBackup.create(store, file, HostBackupTest.PASSWORD, HostBackupTest.CHEAP);
    }
    good = Files.readAllBytes(file);
    assertTrue(good.length > 2 * BackupCipher.CHUNK, "several chunks: " + good.length);
    home = dir.resolve("target");
    try (HostStore store = TestHost.open(home, HostBackupTest.CHEAP, false)) {
      store.partitions().create("keep", 1000, org.openstc.stc.KeyType.X25519);
    }
    before = contents(home);
  }

  @Test
  void aFlippedByteAnywhereIsRefused() throws Exception {
    for (int at : new int[] {3, 12, 30, 44, 60, good.length / 2, good.length - 1}) {
      byte[] bad = good.clone();
      bad[at] ^= 0x01;
      refused(bad, "flipped byte " + at);
    }
  }

  @Test
  void aCutOrLengthenedFileIsRefused() throws Exception {
    int secondChunk = 52 + 4 + BackupCipher.maxSealed();
    for (int length : new int[] {0, 20, 52, 60, secondChunk, good.length - 1}) {
      refused(Arrays.copyOf(good, length), "cut to " + length);
    }
    refused(Arrays.copyOf(good, good.length + 1), "one byte added");
    byte[] firstAndLast = ByteBuffer.allocate(good.length - BackupCipher.maxSealed() - 4)
        .put(good, 0, 52 + 4 + BackupCipher.maxSealed())
        .put(good, secondChunk + 4 + BackupCipher.maxSealed(),
            good.length - secondChunk - 4 - BackupCipher.maxSealed()).array();
    refused(firstAndLast, "a chunk dropped");
  }

  @Test
  void theWrongPasswordIsRefused() throws Exception {
    Path file = write(good);
    BackupException e = assertThrows(BackupException.class,
        () -> HostBackup.restore(file, "wrong-password".toCharArray(), home));
    assertTrue(e.getMessage().contains("wrong backup password"), e.getMessage());
    assertUnchanged();
  }

  @Test
  void anotherFormatVersionIsRefusedByName() throws Exception {
    byte[] bad = good.clone();
    ByteBuffer.wrap(bad).putInt(BackupCipher.MAGIC.length, 2);
    Path file = write(bad);
    BackupException e = assertThrows(BackupException.class,
        () -> HostBackup.restore(file, HostBackupTest.PASSWORD, home));
    assertTrue(e.getMessage().contains("format version 2 is not supported"), e.getMessage());
    assertUnchanged();
  }

  private void refused(byte[] bad, String what) throws Exception {
    Path file = write(bad);
    assertThrows(BackupException.class,
        () -> HostBackup.restore(file, HostBackupTest.PASSWORD, home), what);
    assertUnchanged();
  }

  private Path write(byte[] bytes) throws Exception {
    Path file = dir.resolve("bad.bak");
    Files.write(file, bytes);
    return file;
  }

  private void assertUnchanged() throws Exception {
    Map<String, byte[]> now = contents(home);
    assertEquals(before.keySet(), now.keySet());
    before.forEach((k, v) -> assertTrue(Arrays.equals(v, now.get(k)), k + " changed"));
  }

  private static Map<String, byte[]> contents(Path home) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(home)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals("lock.mdb")) {
          out.put(home.relativize(p).toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }
}
