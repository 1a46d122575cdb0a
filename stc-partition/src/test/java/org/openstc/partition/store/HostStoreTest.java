package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies.Entry;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.StaticKeyAgreement;

class HostStoreTest {
  static final PinHasher CHEAP = new PinHasher(64, 1);
  static final byte[] PIN = "userpin1".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path home;

  @Test
  void createListResizeDelete() throws Exception {
    try (HostStore store = TestHost.open(home, CHEAP)) {
      PartitionRecord p = store.partitions().create("p1", 100_000, KeyType.X25519);
      assertTrue(p.serial() >= 100_000_000_000L && p.serial() <= 999_999_999_999L);
      store.partitions().create("p2", 5000, KeyType.P521);
      assertEquals(List.of("p1", "p2"), store.partitions().list().stream().map(PartitionRecord::name).toList());
      assertEquals(200_000, store.partitions().resize("p1", 200_000).sizeBytes());
      assertEquals(p.serial(), store.partitions().bySerial(p.serial()).serial());
      store.partitions().delete("p2");
      assertEquals(1, store.partitions().list().size());
      StoreException e = assertThrows(StoreException.class, () -> store.partitions().get("p2"));
      assertEquals(CkResult.CKR_ARGUMENTS_BAD, e.result());
    }
  }

  @Test
  void deleteRemovesEverythingOfThePartitionInOneTransaction() throws Exception {
    try (HostStore store = TestHost.open(home, CHEAP)) {
      StaticKeyAgreement client = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
      long old = store.partitions().create("p1", 100_000, KeyType.X25519).serial();
      long other = store.partitions().create("p2", 100_000, KeyType.X25519).serial();
      for (long serial : new long[] {old, other}) {
        store.registrations().register(serial, "c1", client.identity());
        store.roles().initialize(serial, "l", PIN, false);
        store.objects().generate(serial, ObjectType.ED25519, "k");
      }
      store.partitions().delete("p1");
      assertFalse(store.peerRegistry(old).find(client.identity()).isPresent());
      assertThrows(StoreException.class, () -> store.objects().sign(old, 1, new byte[1]));
      PartitionRecord again = store.partitions().create("p1", 100_000, KeyType.X25519);
      assertFalse(again.serial() == old);
      assertEquals(0, again.usedBytes());
      assertTrue(store.registrations().list(again.serial()).isEmpty());
      assertTrue(store.objects().list(again.serial()).isEmpty());
      assertFalse(store.roles().isPinSet(again.serial(), Role.PO));
      assertTrue(store.peerRegistry(other).find(client.identity()).isPresent());
      assertEquals(1, store.objects().list(other).size());
      store.roles().verify(other, Role.PO, PIN);
    }
  }

  @Test
  void refusesDuplicatesBadNamesAndSizes() throws Exception {
    try (HostStore store = TestHost.open(home, CHEAP)) {
      store.partitions().create("p1", 1000, KeyType.X25519);
      assertEquals(CkResult.CKR_ATTRIBUTE_VALUE_INVALID,
          assertThrows(StoreException.class, () -> store.partitions().create("p1", 1000, KeyType.P256)).result());
      assertThrows(StoreException.class, () -> store.partitions().create("-bad", 1000, KeyType.P256));
      assertThrows(StoreException.class, () -> store.partitions().create("p3", 0, KeyType.P256));
      assertEquals(1, store.partitions().list().size());
    }
  }

  @Test
  void homeAndMasterKeyAreOwnerOnly() throws Exception {
    try (HostStore store = TestHost.open(home, CHEAP)) {
      store.partitions().create("p1", 1000, KeyType.X25519);
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("master.key"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("store"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
    Files.setPosixFilePermissions(home.resolve("master.key"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThrows(StoreException.class, () -> TestHost.open(home, CHEAP));
  }

  @Test
  void everythingSurvivesARestart() throws Exception {
    long serial;
    byte[] ciphertext;
    StaticKeyAgreement client = InMemoryStaticKey.generate(KeyType.P256, CryptoProviders.jca());
    byte[] expectedSecret;
    try (HostStore store = TestHost.open(home, CHEAP)) {
      serial = store.partitions().create("p1", 100_000, KeyType.P256).serial();
      store.registrations().register(serial, "c1", client.identity());
      store.roles().initialize(serial, "label1", PIN, false);
      Entry aes = store.objects().generate(serial, ObjectType.AES256, "k1");
      ciphertext = store.objects().encrypt(serial, aes.handle(), new byte[] {1, 2, 3}, new byte[0]);
      store.updatePolicy(serial, p -> p.toBuilder().replayWindow(500).build());
      StaticKeyAgreement id = store.identityKey(serial);
      expectedSecret = client.agree(id.publicKey());
    }
    try (HostStore store = TestHost.open(home, CHEAP)) {
      PartitionRecord p = store.partitions().get("p1");
      assertEquals("label1", p.label());
      assertEquals(500, store.policy(serial).replayWindow());
      assertTrue(store.peerRegistry(serial).find(client.identity()).isPresent());
      store.roles().verify(serial, Role.PO, PIN);
      assertArrayEquals(new byte[] {1, 2, 3}, store.objects().decrypt(serial, 1, ciphertext, new byte[0]));
      StaticKeyAgreement id = store.identityKey(serial);
      assertArrayEquals(expectedSecret, id.agree(client.publicKey()));
      assertEquals(p.objectBytes() + 2392, p.usedBytes());
    }
  }

  @Test
  void policyChangesAreValidatedAndAnnounced() throws Exception {
    try (HostStore store = TestHost.open(home, CHEAP)) {
      long serial = store.partitions().create("p1", 1000, KeyType.X25519).serial();
      ChannelPolicy[] seen = new ChannelPolicy[1];
      store.addListener(new HostStoreListener() {
        @Override
        public void settingsChanged(long s, ChannelPolicy policy) {
          seen[0] = policy;
        }
      });
      StoreException e = assertThrows(StoreException.class,
          () -> store.updatePolicy(serial, p -> p.toBuilder().replayWindow(99).build()));
      assertTrue(e.getMessage().contains("100..1000"), e.getMessage());
      assertEquals(null, seen[0]);
      store.updatePolicy(serial, p -> p.toBuilder().maxSessions(7).build());
      assertEquals(7, seen[0].maxSessions());
      assertFalse(store.policy(serial).integrityOnly());
    }
  }
}
