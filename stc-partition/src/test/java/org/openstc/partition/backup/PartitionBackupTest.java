package org.openstc.partition.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.StoreException;
import org.openstc.partition.store.TestHost;

/**
 * A partition backup restores the partition's identity, objects and registrations onto the same
 * host (replacing what changed since) or, with {@code foreign}, onto another host, where its keys
 * still decrypt what they encrypted. Damaged, truncated, wrong-password and wrong-kind files and
 * another host's partition without {@code foreign} change nothing.
 */
class PartitionBackupTest {
  private static final byte[] PLAIN = "partition secret".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;
  private Path file;
  private long serial;
  private long handle;
  private byte[] sealed;
  private String fingerprint;

  @BeforeEach
  void backupOfP1() throws Exception {
    file = dir.resolve("p1.bak");
    try (HostStore store = HostBackupTest.host(dir.resolve("host"))) {
      serial = store.partitions().get("p1").serial();
      handle = store.objects().generate(serial, ObjectType.AES256, "k").handle();
      store.objects().create(serial, ObjectType.DATA, "d", new byte[] {1, 2, 3});
      sealed = store.objects().encrypt(serial, handle, PLAIN, new byte[0]);
      fingerprint = Partitions.info(store.partitions().get("p1")).fingerprint();
      Manifest m = PartitionBackup.create(store, "p1", file, HostBackupTest.PASSWORD,
          HostBackupTest.CHEAP);
      assertEquals(Manifest.PARTITION, m.kind());
      assertEquals(List.of(new Manifest.Partition("p1", serial, 2, 3)), m.partitions());
    }
  }

  @Test
  void restoreReplacesWhatChangedSinceTheBackup() throws Exception {
    try (HostStore store = TestHost.open(dir.resolve("host"), HostBackupTest.CHEAP, false)) {
      store.objects().destroy(serial, handle);
      store.registrations().deregister(serial, "c0");
      store.objects().generate(serial, ObjectType.ED25519, "later");
      PartitionRecord replaced = restore(store, "p1", false);
      assertEquals(serial, replaced.serial());
      assertRestored(store, "p1");
      assertEquals(3, store.registrations().list(store.partitions().get("p2").serial()).size());
    }
  }

  @Test
  void aDeletedPartitionComesBackUnderItsNameOrAnother() throws Exception {
    try (HostStore store = TestHost.open(dir.resolve("host"), HostBackupTest.CHEAP, false)) {
      store.partitions().delete("p1");
      assertNull(restore(store, "p1-again", false));
      assertRestored(store, "p1-again");
      StoreException taken = assertThrows(StoreException.class, () -> restore(store, "p3", false));
      assertTrue(taken.getMessage().contains("partition p1-again of this host has the backup's "
          + "serial"), taken.getMessage());
    }
  }

  @Test
  void anotherHostTakesItOnlyWhenForeign() throws Exception {
    try (HostStore other = TestHost.open(dir.resolve("other"), HostBackupTest.CHEAP, false)) {
      other.partitions().create("p1", 1000, org.openstc.stc.KeyType.X25519);
      List<String> before = describe(other);
      StoreException e = assertThrows(StoreException.class, () -> restore(other, "p1", false));
      assertEquals(CkResult.CKR_ACTION_PROHIBITED, e.result());
      assertTrue(e.getMessage().contains("give -foreign"), e.getMessage());
      assertEquals(before, describe(other));
      restore(other, "p1", true);
      assertRestored(other, "p1");
    }
  }

  @Test
  void aSealedHostCannotTakeOrRestore() throws Exception {
    try (HostStore sealedStore = HostStore.open(dir.resolve("host"), HostBackupTest.CHEAP)) {
      StoreException e = assertThrows(StoreException.class,
          () -> PartitionBackup.create(sealedStore, "p1", dir.resolve("x.bak"),
              HostBackupTest.PASSWORD, HostBackupTest.CHEAP));
      assertEquals(CkResult.CKR_USER_NOT_LOGGED_IN, e.result());
      assertTrue(!Files.exists(dir.resolve("x.bak")));
      PartitionBackup.Opened opened = PartitionBackup.read(file, HostBackupTest.PASSWORD);
      try {
        assertEquals(CkResult.CKR_USER_NOT_LOGGED_IN, assertThrows(StoreException.class,
            () -> sealedStore.partitionImages().restore(opened.image(), "p1", false)).result());
      } finally {
        opened.destroy();
      }
    }
  }

  @Test
  void damagedTruncatedOrWrongPasswordFilesAreRefused() throws Exception {
    byte[] good = Files.readAllBytes(file);
    List<byte[]> bad = new ArrayList<>();
    for (int at : new int[] {5, 40, good.length / 2, good.length - 1}) {
      byte[] b = good.clone();
      b[at] ^= 1;
      bad.add(b);
    }
    bad.add(Arrays.copyOf(good, good.length - 1));
    bad.add(Arrays.copyOf(good, good.length / 2));
    bad.add(Arrays.copyOf(good, good.length + 1));
    for (byte[] b : bad) {
      Path f = dir.resolve("bad.bak");
      Files.write(f, b);
      assertThrows(BackupException.class, () -> PartitionBackup.read(f, HostBackupTest.PASSWORD));
    }
    BackupException wrong = assertThrows(BackupException.class,
        () -> PartitionBackup.read(file, "not-the-password".toCharArray()));
    assertTrue(wrong.getMessage().contains("wrong backup password"), wrong.getMessage());
  }

  @Test
  void eachRestoreRefusesTheOtherKindByName() throws Exception {
    Path hostFile = dir.resolve("host.bak");
    try (HostStore store = TestHost.open(dir.resolve("host"), HostBackupTest.CHEAP, false)) {
      HostBackup.create(store, hostFile, HostBackupTest.PASSWORD, HostBackupTest.CHEAP);
    }
    BackupException e = assertThrows(BackupException.class,
        () -> PartitionBackup.read(hostFile, HostBackupTest.PASSWORD));
    assertTrue(e.getMessage().contains("restore it with hsm restore"), e.getMessage());
    BackupException f = assertThrows(BackupException.class,
        () -> HostBackup.restore(file, HostBackupTest.PASSWORD, dir.resolve("fresh")));
    assertTrue(f.getMessage().contains("restore it with partition restore"), f.getMessage());
    assertTrue(!Files.exists(dir.resolve("fresh/store")));
  }

  private PartitionRecord restore(HostStore store, String name, boolean foreign) throws Exception {
    PartitionBackup.Opened opened = PartitionBackup.read(file, HostBackupTest.PASSWORD);
    try {
      return store.partitionImages().restore(opened.image(), name, foreign);
    } finally {
      opened.destroy();
    }
  }

  private void assertRestored(HostStore store, String name) throws Exception {
    PartitionRecord p = store.partitions().get(name);
    assertEquals(serial, p.serial());
    assertEquals(fingerprint, Partitions.info(p).fingerprint());
    assertArrayEquals(PLAIN, store.objects().decrypt(serial, handle, sealed, new byte[0]));
    assertEquals(List.of("k", "d"), store.objects().list(serial).stream()
        .map(o -> o.label()).toList());
    assertEquals(List.of("c0", "c1", "c2"), store.registrations().list(serial).stream()
        .map(c -> c.label()).toList());
    assertEquals(3, p.clientCount());
    store.identityKey(serial).destroy();
  }

  private static List<String> describe(HostStore store) throws Exception {
    List<String> out = new ArrayList<>();
    for (PartitionRecord p : store.partitions().list()) {
      out.add(p.name() + " " + p.serial() + " " + Partitions.info(p).fingerprint() + " "
          + store.objects().list(p.serial()) + " " + store.registrations().list(p.serial()));
    }
    return out;
  }
}
