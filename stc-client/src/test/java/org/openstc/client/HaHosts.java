package org.openstc.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
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
 * Partition hosts in this JVM for HA tests, each with one partition of the same cloning domain,
 * replication allowed, the client registered and enabled in one client home. The one place that
 * creates hosts for the HA tests.
 */
final class HaHosts implements AutoCloseable {
  static final char[] SO_PIN = "so-pin-0001".toCharArray();
  static final char[] CO_PIN = "co-pin-0001".toCharArray();
  static final char[] DOMAIN = "ha-domain-secret-0001".toCharArray();

  final Path clientHome;
  final List<HostStore> stores = new ArrayList<>();
  final List<PartitionHost> hosts = new ArrayList<>();
  final List<Integer> ports = new ArrayList<>();
  final List<Long> serials = new ArrayList<>();

  HaHosts(Path dir, int count) throws Exception {
    clientHome = dir.resolve("client");
    TokenHome.of(clientHome).init("ha-token", null);
    ClientIdentity id;
    try (Token t = Token.open(clientHome)) {
      id = t.createIdentity("haclient", KeyType.X25519, null);
    }
    for (int i = 0; i < count; i++) {
      HostStore store = HostStore.create(dir.resolve("host" + i), "host" + i,
          "test-so-password".toCharArray(), new PinHasher(64, 1), true);
      PartitionRecord p = store.partitions().create("par" + i, 1 << 20, KeyType.X25519);
      store.registrations().register(p.serial(), "haclient", id.identity());
      store.policies().changeHsm(Policy.ALLOW_NETWORK_REPLICATION.code(), 1);
      PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
      stores.add(store);
      hosts.add(host);
      ports.add(host.port());
      serials.add(p.serial());
      try (Token t = Token.open(clientHome)) {
        t.registerPartition(Partitions.identityFile(p), "par" + i, null);
      }
      try (StcClient c = StcClient.open(clientHome, null)) {
        c.enableServer(c.config().addServer("127.0.0.1", host.port(), "host" + i).id());
        try (Slot s = c.openPartition(p.serial())) {
          s.initialize("par" + i, SO_PIN);
          s.login(Role.PO, SO_PIN);
          s.initPin(Role.CO, CO_PIN);
          s.setCloningDomain(DOMAIN);
        }
      }
    }
  }

  /** Stops host {@code i} (its connections drop). */
  void kill(int i) {
    hosts.get(i).close();
  }

  /** Starts host {@code i} again on its old port. */
  void restart(int i) throws Exception {
    hosts.set(i, PartitionHost.start(stores.get(i), ServerConfig.defaults("127.0.0.1", ports.get(i)),
        CryptoProviders.jca()));
  }

  @Override
  public void close() {
    hosts.forEach(PartitionHost::close);
    stores.forEach(HostStore::close);
  }
}
