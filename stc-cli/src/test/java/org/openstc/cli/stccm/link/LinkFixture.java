package org.openstc.cli.stccm.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.KeyType;
import org.openstc.token.Token;

/**
 * A partition host in this JVM (one partition, par1) and client homes set up through stccm: a
 * token, an identity, the partition registered, the host added as server 0 and STC enabled.
 */
final class LinkFixture implements AutoCloseable {
  static final String SO_PIN = "so-pin-0001";
  static final String CO_PIN = "co-pin-0001";

  final Path dir;
  final HostStore store;
  final PartitionRecord partition;
  PartitionHost host;

  LinkFixture(Path dir) throws Exception {
    this.dir = dir;
    store = HostStore.create(dir.resolve("host"), "test",
        "test-so-password".toCharArray(), new PinHasher(64, 1), true);
    partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
  }

  long serial() {
    return partition.serial();
  }

  /** The partition's identity file, as the host administrator hands it out. */
  Path pid() throws Exception {
    return Partitions.identityFile(partition).writeTo(dir.resolve("handed-out"));
  }

  /** stc tokeninit + identitycreate in a new home; returns a harness for it. */
  Cm newClient(String label) {
    Cm cm = new Cm(dir.resolve(label));
    assertEquals(0, cm.run("stc", "tokeninit", "-label", label + "-token"), cm.both());
    assertEquals(0, cm.run("stc", "identitycreate", "-label", label), cm.both());
    return cm;
  }

  /** The host administrator's bootstrap registration of a client (stcsh client register). */
  void bootstrap(Cm cm, String label) throws Exception {
    try (Token t = Token.open(cm.home())) {
      store.registrations().register(serial(), label, t.clientIdentity().orElseThrow().identity());
    }
  }

  /** stc partitionregister, clientconfig addserver, stc enable -id 0. */
  void connect(Cm cm) throws Exception {
    assertEquals(0, cm.run("stc", "partitionregister", "-file", pid().toString()), cm.both());
    assertEquals(0, cm.run("clientconfig", "addserver", "-n", "127.0.0.1:" + host.port(), "-label",
        "host1"), cm.both());
    assertEquals(0, cm.run("stc", "enable", "-id", "0"), cm.both());
  }

  /** A client registered and connected, with the partition initialized and a CO PIN set. */
  Cm initializedClient(String label) throws Exception {
    Cm cm = newClient(label);
    bootstrap(cm, label);
    connect(cm);
    assertEquals(0, cm.run("partition", "init", "-label", "shared", "-password", SO_PIN), cm.both());
    assertEquals(0, cm.run("role", "initpin", "-role", "po", "-password", SO_PIN, "-name", "co",
        "-newpin", CO_PIN), cm.both());
    return cm;
  }

  @Override
  public void close() {
    host.close();
    store.close();
  }
}
