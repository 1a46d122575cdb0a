package org.openstc.pkcs11;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openstc.client.HaConfig;
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
 * Partition hosts in this JVM, one partition each in one cloning domain (replication allowed), a
 * client home registered on all of them (slots 0..) and HA group {@link #LABEL} over them, whose
 * virtual slot follows the physical ones; {@link #serve} runs {@code bin/stc-p11} for that home.
 */
final class LiveHaGroup implements AutoCloseable {
  static final String LABEL = "p11HA";

  final Path home;
  final List<Long> serials = new ArrayList<>();
  private final List<HostStore> stores = new ArrayList<>();
  private final List<PartitionHost> hosts = new ArrayList<>();
  private LivePartition p11;

  private LiveHaGroup(Path home) {
    this.home = home;
  }

  static LiveHaGroup create(Path dir, int count) throws Exception {
    LiveHaGroup g = new LiveHaGroup(dir.resolve("client"));
    TokenHome.of(g.home).init("client", null);
    ClientIdentity id;
    try (Token t = Token.open(g.home)) {
      id = t.createIdentity("client", KeyType.X25519, null);
    }
    for (int i = 0; i < count; i++) {
      HostStore store = HostStore.create(dir.resolve("host" + i), "test" + i, "test-so-password".toCharArray(),
          new PinHasher(64, 1), true);
      PartitionRecord partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
      store.policies().changeHsm(Policy.ALLOW_NETWORK_REPLICATION.code(), 1);
      store.registrations().register(partition.serial(), "client", id.identity());
      PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
      g.stores.add(store);
      g.hosts.add(host);
      g.serials.add(partition.serial());
      IdentityFile pid = Partitions.identityFile(partition);
      try (Token t = Token.open(g.home)) {
        t.registerPartition(pid, "par1-" + i, pid.fingerprint());
      }
      try (StcClient c = StcClient.open(g.home, null)) {
        c.enableServer(c.config().addServer("127.0.0.1", host.port(), null).id());
        try (Slot slot = c.openPartition(partition.serial())) {
          char[] so = "so-pin-1234".toCharArray();
          slot.initialize(LivePartition.LABEL, so);
          slot.login(Role.PO, so);
          slot.initPin(Role.CO, LivePartition.CO_PIN.toCharArray());
          slot.setCloningDomain("p11-ha-domain-0001".toCharArray());
        }
      }
    }
    HaConfig ha = HaConfig.load(g.home);
    ha.create(LABEL, g.serials.get(0));
    for (long serial : g.serials.subList(1, count)) {
      ha.addMember(LABEL, serial, false);
    }
    return g;
  }

  /** Starts {@code bin/stc-p11 serve} on {@code socket} for the client home. */
  LiveHaGroup serve(Path socket) throws Exception {
    p11 = LivePartition.forHome(home, socket, serials.get(0)).serve();
    return this;
  }

  Path socket() {
    return p11.socket;
  }

  /** Stops host {@code i}: its channels drop. */
  void stopHost(int i) {
    hosts.get(i).close();
  }

  @Override
  public void close() {
    if (p11 != null) {
      p11.close();
    }
    hosts.forEach(PartitionHost::close);
    stores.forEach(HostStore::close);
  }
}
