package org.openstc.jca;

import java.nio.file.Path;
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
import org.openstc.stc.KeyType;
import org.openstc.token.ClientIdentity;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/**
 * A partition host in this JVM with one initialized partition (label {@code jca}, co and cu PINs
 * set) and a client home registered with it and enabled as slot 0: what an application configures
 * the provider with. The one place these tests create a host.
 */
final class TestPartition implements AutoCloseable {
  static final char[] SO_PIN = "so-pin-0001".toCharArray();
  static final String CO_PIN = "co-pin-0001";
  static final String CU_PIN = "cu-pin-0001";

  final Path clientHome;
  private final HostStore store;
  private final PartitionHost host;

  private TestPartition(Path clientHome, HostStore store, PartitionHost host) {
    this.clientHome = clientHome;
    this.store = store;
    this.host = host;
  }

  static TestPartition start(Path dir) throws Exception {
    HostStore store = HostStore.create(dir.resolve("host"), "test", "test-so-password".toCharArray(),
        new PinHasher(64, 1), true);
    PartitionRecord partition = store.partitions().create("par1", 4 << 20, KeyType.X25519);
    PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
    Path home = dir.resolve("client");
    TestPartition t = new TestPartition(home, store, host);
    TokenHome.of(home).init("jca-token", null);
    ClientIdentity id;
    IdentityFile pid = Partitions.identityFile(partition);
    try (Token token = Token.open(home)) {
      id = token.createIdentity("jca", KeyType.X25519, null);
      token.registerPartition(pid, "par1", pid.fingerprint());
    }
    store.registrations().register(partition.serial(), "jca", id.identity());
    try (StcClient c = StcClient.open(home, null)) {
      ServerEntry server = c.config().addServer("127.0.0.1", host.port(), "host1");
      c.enableServer(server.id());
      try (Slot slot = c.openSlot(0)) {
        slot.initialize("jca", SO_PIN);
        slot.login(Role.PO, SO_PIN);
        slot.initPin(Role.CO, CO_PIN.toCharArray());
        slot.initPin(Role.CU, CU_PIN.toCharArray());
      }
    }
    return t;
  }

  /** The provider configuration for this partition. */
  String config(String extra) {
    return "home=" + clientHome + ";slot=0" + (extra.isEmpty() ? "" : ";" + extra);
  }

  int port() {
    return host.port();
  }

  /** Stops serving (a partition gone mid-operation). */
  void stopHost() {
    host.close();
  }

  @Override
  public void close() {
    host.close();
    store.close();
  }
}
