package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.KeyType;
import org.openstc.token.ClientIdentity;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/**
 * The seed-003 flow through the client library, in one JVM: Client1 initializes the partition and,
 * as Partition SO, registers Client2; Client2 uses the key Client1 created.
 */
class SharedPartitionTest {
  private static final char[] SO_PIN = "so-pin-0001".toCharArray();
  private static final char[] CO_PIN = "co-pin-0001".toCharArray();

  @TempDir Path dir;
  private HostStore store;
  private PartitionHost host;
  private PartitionRecord partition;

  @BeforeEach
  void startHost() throws Exception {
    store = HostStore.create(dir.resolve("host"), "test",
        "test-so-password".toCharArray(), new PinHasher(64, 1), true);
    partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
  }

  @AfterEach
  void stopHost() {
    host.close();
    store.close();
  }

  /** stc tokeninit + identitycreate; returns the client identity. */
  private ClientIdentity newClient(Path home, String label) throws Exception {
    TokenHome.of(home).init(label + "-token", null);
    try (Token t = Token.open(home)) {
      return t.createIdentity(label, KeyType.X25519, null);
    }
  }

  /** stc partitionregister with the hash check, then clientconfig addserver and stc enable. */
  private void registerPartitionAndEnable(Path home, IdentityFile pid) throws Exception {
    try (Token t = Token.open(home)) {
      t.registerPartition(pid, "par1", pid.fingerprint());
    }
    try (StcClient c = StcClient.open(home, null)) {
      ServerEntry server = c.config().addServer("127.0.0.1", host.port(), "host1");
      Map<Long, String> found = c.enableServer(server.id());
      assertTrue(found.get(pid.serial()).startsWith("slot 0"), found.toString());
    }
  }

  @Test
  void twoClientsShareOnePartition() throws Exception {
    Path home1 = dir.resolve("client1");
    Path home2 = dir.resolve("client2");
    ClientIdentity id1 = newClient(home1, "client1");
    ClientIdentity id2 = newClient(home2, "client2");
    store.registrations().register(partition.serial(), "client1", id1.identity());
    IdentityFile pid = Partitions.identityFile(partition);
    registerPartitionAndEnable(home1, pid);

    byte[] sealed;
    byte[] message = "Client1 to Client2".getBytes(StandardCharsets.UTF_8);
    try (StcClient c1 = StcClient.open(home1, null); Slot slot = c1.openSlot(0)) {
      slot.initialize("shared", SO_PIN);
      slot.login(Role.PO, SO_PIN);
      slot.initPin(Role.CO, CO_PIN);
      slot.registerClient("client2", id2.identity(), id2.fingerprint());
      IdentityFile exported = slot.exportIdentity();
      assertEquals(pid.fingerprint(), exported.fingerprint());
      slot.logout();
      slot.login(Role.CO, CO_PIN);
      long key = slot.generate(ObjectType.AES256, "shared-key");
      sealed = slot.encrypt(key, message, new byte[0]);
    }

    registerPartitionAndEnable(home2, pid);
    try (StcClient c2 = StcClient.open(home2, null); Slot slot = c2.openSlot(0)) {
      slot.login(Role.CO, CO_PIN);
      long key = slot.findObject("shared-key").orElseThrow().handle();
      assertArrayEquals(message, slot.decrypt(key, sealed, new byte[0]));
      assertEquals("shared", slot.info().label());
    }
  }

  @Test
  void unregisteredClientGetsAClearDiagnosis() throws Exception {
    Path home = dir.resolve("stranger");
    newClient(home, "stranger");
    try (Token t = Token.open(home)) {
      t.registerPartition(Partitions.identityFile(partition), "par1", null);
    }
    try (StcClient c = StcClient.open(home, null)) {
      ServerEntry server = c.config().addServer("127.0.0.1", host.port(), null);
      assertTrue(c.enableServer(server.id()).get(partition.serial()).contains("link down"));
      StcClientException e = assertThrows(StcClientException.class, () -> c.openSlot(0));
      assertEquals(StcClientException.Kind.NOT_REGISTERED, e.kind());
      assertTrue(e.getMessage().contains("clientregister"), e.getMessage());
    }
  }

  @Test
  void serverDownIsDiagnosed() throws Exception {
    Path home = dir.resolve("lonely");
    ClientIdentity id = newClient(home, "lonely");
    store.registrations().register(partition.serial(), "lonely", id.identity());
    registerPartitionAndEnable(home, Partitions.identityFile(partition));
    host.close();
    try (StcClient c = StcClient.open(home, null)) {
      StcClientException e = assertThrows(StcClientException.class, () -> c.openSlot(0));
      assertEquals(StcClientException.Kind.SERVER_DOWN, e.kind());
      assertFalse(e.isTransient() && e.advice() == null);
    }
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
  }

  /** The commands PKCS#11 and JCA need, through the Slot methods, over a real channel. */
  @Test
  void objectExtensionRoundTrip() throws Exception {
    Path home = dir.resolve("jca");
    ClientIdentity id = newClient(home, "jca");
    store.registrations().register(partition.serial(), "jca", id.identity());
    registerPartitionAndEnable(home, Partitions.identityFile(partition));
    try (StcClient c = StcClient.open(home, null); Slot slot = c.openSlot(0)) {
      slot.initialize("ext", SO_PIN);
      slot.login(Role.PO, SO_PIN);
      slot.initPin(Role.CO, CO_PIN);
      slot.logout();
      slot.login(Role.CO, CO_PIN);
      long aes = slot.importAesKey("imported", new byte[32]);
      byte[] iv = new byte[12];
      byte[] ct = slot.encryptGcm(aes, iv, new byte[] {1, 2}, new byte[] {3}, 16);
      assertEquals(18, ct.length);
      assertArrayEquals(new byte[] {1, 2}, slot.decryptGcm(aes, iv, ct, new byte[] {3}, 16));
      long ec = slot.generate(ObjectType.EC_P256, "ec");
      assertEquals(64, slot.signDigest(ec, new byte[32]).length);
      ObjectBodies.Info info = slot.objectInfo(ec);
      assertEquals("ec", info.label());
      assertTrue(info.publicKeySpki().length > 64);
      long data = slot.createObject(ObjectType.DATA, "ec", new byte[] {9});
      assertArrayEquals(new byte[] {9}, slot.objectValue(data));
      StcClientException e = assertThrows(StcClientException.class, () -> slot.objectValue(ec));
      assertEquals(CkResult.CKR_ATTRIBUTE_SENSITIVE, ((CkException) e.getCause()).result());
    }
  }
}
