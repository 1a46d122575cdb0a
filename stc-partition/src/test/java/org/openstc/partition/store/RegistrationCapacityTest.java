package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.PartitionInfo;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

class RegistrationCapacityTest {
  @TempDir
  Path home;
  private final SecureRandom random = new SecureRandom();

  private PeerIdentity x25519() throws Exception {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return PeerIdentity.of(KeyType.X25519, key);
  }

  @Test
  void fullAtExactlyFloorOfFreeOver2392() throws Exception {
    try (HostStore store = TestHost.open(home, HostStoreTest.CHEAP, false)) {
      long serial = store.partitions().create("p", 5 * 2392 + 2391, KeyType.X25519).serial();
      store.roles().initialize(serial, "p", HostStoreTest.PIN, false);
      store.objects().generate(serial, ObjectType.AES256, "k");
      PartitionInfo info = Partitions.info(store.partitions().bySerial(serial));
      long fit = info.moreClientsFit();
      assertEquals(info.freeBytes() / 2392, fit);
      assertTrue(fit == 4 || fit == 5, "an AES object is smaller than 2392 bytes: " + info);
      for (int i = 0; i < fit; i++) {
        store.registrations().register(serial, "c" + i, x25519());
      }
      PeerIdentity extra = x25519();
      StoreException e = assertThrows(StoreException.class,
          () -> store.registrations().register(serial, "extra", extra));
      assertEquals(CkResult.CKR_DEVICE_MEMORY, e.result());
      long free = info.freeBytes() - fit * 2392;
      assertTrue(e.getMessage().contains("needs 2392 bytes, " + free + " bytes are free"), e.getMessage());
      assertFalse(store.peerRegistry(serial).find(extra).isPresent());
      assertEquals(fit, store.registrations().list(serial).size());
      assertEquals(0, Partitions.info(store.partitions().bySerial(serial)).moreClientsFit());
      assertEquals(CkResult.CKR_DEVICE_MEMORY, assertThrows(StoreException.class,
          () -> store.partitions().resize("p", 2392 * fit)).result());
    }
  }

  @Test
  void tenThousandRegistrationsAreFoundByFingerprint() throws Exception {
    try (HostStore store = TestHost.open(home, HostStoreTest.CHEAP, false)) {
      long serial = store.partitions().create("p", 10_000L * 2392, KeyType.X25519).serial();
      long other = store.partitions().create("q", 2392, KeyType.X25519).serial();
      List<PeerIdentity> ids = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        PeerIdentity id = x25519();
        ids.add(id);
        store.registrations().register(serial, "client-" + i, id);
      }
      for (int i = 0; i < ids.size(); i += 37) {
        assertEquals("client-" + i, store.peerRegistry(serial).find(ids.get(i)).orElseThrow().label());
        assertFalse(store.peerRegistry(other).find(ids.get(i)).isPresent());
      }
      assertFalse(store.peerRegistry(serial).find(x25519()).isPresent());
      assertEquals(0, Partitions.info(store.partitions().bySerial(serial)).freeBytes());
      assertEquals(10_000, store.registrations().list(serial).size());
    }
  }
}
