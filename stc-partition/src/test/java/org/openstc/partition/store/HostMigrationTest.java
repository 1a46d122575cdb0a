package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.stc.KeyType;

/** A home of the older layout (clear master.key, no host.record) is refused, then migrated once. */
class HostMigrationTest {
  @TempDir
  Path home;

  /** The layout before sealing: the keyset in clear, no host record; the partitions as they were. */
  static long olderHome(Path home) throws Exception {
    long serial;
    MasterKey key = Hsm.init(home, "h", HsmTest.pw(HsmTest.PW), HsmTest.CHEAP);
    try (HostStore store = HostStore.open(home, HsmTest.CHEAP)) {
      store.unseal(key);
      serial = store.partitions().create("p1", 1000, KeyType.X25519).serial();
    }
    OwnerOnlyFiles.write(home.resolve("master.key"), key.keyset());
    Files.delete(home.resolve("host.record"));
    key.destroy();
    return serial;
  }

  @Test
  void refusedWithInstructionsThenMigratedKeepingPartitions() throws Exception {
    long serial = olderHome(home);
    StoreException e = assertThrows(StoreException.class, () -> HostStore.open(home, HsmTest.CHEAP));
    assertEquals(CkResult.CKR_TOKEN_NOT_RECOGNIZED, e.result());
    assertTrue(e.getMessage().contains("hsm init -migrate"), e.getMessage());
    assertThrows(StoreException.class, () -> Hsm.init(home, "h", HsmTest.pw(HsmTest.PW), HsmTest.CHEAP));

    HostMigration.migrate(home, "migrated", HsmTest.pw("new-so-password"), HsmTest.CHEAP).destroy();
    assertTrue(SealedMasterKey.isSealed(home));
    assertEquals("migrated", Hsm.record(home).label());
    try (HostStore store = HostStore.open(home, HsmTest.CHEAP, true, HsmTest.pw("new-so-password"))) {
      store.identityKey(serial).destroy();
    }
    assertThrows(StoreException.class, () -> HostMigration.migrate(home, "again", HsmTest.pw("new-so-password"),
        HsmTest.CHEAP), "only once");
    try (var files = Files.list(home)) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().contains("backup")), "no clear copy kept");
    }
  }

  @Test
  void aDamagedClearKeyIsNotMigrated() throws Exception {
    olderHome(home);
    Files.write(home.resolve("master.key"), new byte[] {1, 2, 3});
    assertThrows(StoreException.class, () -> HostMigration.migrate(home, "m", HsmTest.pw(HsmTest.PW), HsmTest.CHEAP));
    assertFalse(Files.exists(home.resolve("host.record")));
  }
}
