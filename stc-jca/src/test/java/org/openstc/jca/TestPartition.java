package org.openstc.jca;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openstc.client.HaConfig;
import org.openstc.client.ServerEntry;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.Policy;
import org.openstc.stc.KeyType;
import org.openstc.token.ClientIdentity;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/**
 * Partition hosts in this JVM, each with one initialized partition (label {@code jca}, co and cu
 * PINs set), and a client home registered with them and enabled as slots 0.. : what an
 * application configures the provider with. {@link #haGroup} makes several, one cloning domain,
 * as HA group {@code jcaHA}. The one place these tests create a host.
 */
final class TestPartition implements AutoCloseable {
  static final char[] SO_PIN = "so-pin-0001".toCharArray();
  static final String CO_PIN = "co-pin-0001";
  static final String CU_PIN = "cu-pin-0001";
  static final String HA_LABEL = "jcaHA";

  final Path clientHome;
  private final List<HostStore> stores = new ArrayList<>();
  private final List<PartitionHost> hosts = new ArrayList<>();
  private final List<Long> serials = new ArrayList<>();

  private TestPartition(Path clientHome) {
    this.clientHome = clientHome;
  }

  static TestPartition start(Path dir) throws Exception {
    return start(dir, 1);
  }

  /** {@code count} hosts in one cloning domain, replication allowed, HA group {@link #HA_LABEL} over them all. */
  static TestPartition haGroup(Path dir, int count) throws Exception {
    TestPartition t = start(dir, count);
    HaConfig ha = HaConfig.load(t.clientHome);
    ha.create(HA_LABEL, t.serials.get(0));
    for (long serial : t.serials.subList(1, count)) {
      ha.addMember(HA_LABEL, serial, false);
    }
    return t;
  }

  private static TestPartition start(Path dir, int count) throws Exception {
    Path home = dir.resolve("client");
    TestPartition t = new TestPartition(home);
    TokenHome.of(home).init("jca-token", null);
    ClientIdentity id;
    try (Token token = Token.open(home)) {
      id = token.createIdentity("jca", KeyType.X25519, null);
    }
    for (int i = 0; i < count; i++) {
      HostStore store = HostStore.create(dir.resolve("host" + i), "test" + i, "test-so-password".toCharArray(),
          new PinHasher(64, 1), true);
      PartitionRecord partition = store.partitions().create("par1", 4 << 20, KeyType.X25519);
      store.policies().changeHsm(Policy.ALLOW_NETWORK_REPLICATION.code(), 1);
      PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
      t.stores.add(store);
      t.hosts.add(host);
      t.serials.add(partition.serial());
      IdentityFile pid = Partitions.identityFile(partition);
      try (Token token = Token.open(home)) {
        token.registerPartition(pid, "par1-" + i, pid.fingerprint());
      }
      store.registrations().register(partition.serial(), "jca", id.identity());
      try (StcClient c = StcClient.open(home, null)) {
        ServerEntry server = c.config().addServer("127.0.0.1", host.port(), "host" + i);
        c.enableServer(server.id());
        try (Slot slot = c.openPartition(partition.serial())) {
          slot.initialize("jca", SO_PIN);
          slot.login(Role.PO, SO_PIN);
          slot.initPin(Role.CO, CO_PIN.toCharArray());
          slot.initPin(Role.CU, CU_PIN.toCharArray());
          slot.setCloningDomain("jca-ha-domain-0001".toCharArray());
        }
      }
    }
    return t;
  }

  /** The provider configuration for this partition (slot 0). */
  String config(String extra) {
    return "home=" + clientHome + ";slot=0" + (extra.isEmpty() ? "" : ";" + extra);
  }

  int port() {
    return hosts.get(0).port();
  }

  /** Stops serving (a partition gone mid-operation). */
  void stopHost() {
    stopHost(0);
  }

  /** Stops host {@code i}: its connections drop. */
  void stopHost(int i) {
    hosts.get(i).close();
  }

  @Override
  public void close() {
    hosts.forEach(PartitionHost::close);
    stores.forEach(HostStore::close);
  }
}
