package org.openstc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
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
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/**
 * The one place the benchmarks make a host: a partition host in this JVM on loopback, one
 * initialized partition (Crypto Officer PIN {@link #CO_PIN}) and a client home under a temporary
 * directory with the host enabled as slot 0. {@link #close()} stops the host and deletes it all.
 */
final class BenchPartition implements AutoCloseable {
  static final char[] CO_PIN = "co-pin-0001".toCharArray();

  final Path dir;
  final Path home;
  private final HostStore store;
  private final PartitionHost host;

  private BenchPartition(Path dir, Path home, HostStore store, PartitionHost host) {
    this.dir = dir;
    this.home = home;
    this.store = store;
    this.host = host;
  }

  static BenchPartition start(String prefix) throws Exception {
    Path root = Files.createTempDirectory(prefix);
    HostStore store = HostStore.create(root.resolve("host"), "bench",
        "bench-so-password".toCharArray(), new PinHasher(64, 1), true);
    PartitionRecord partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
        CryptoProviders.tuned());
    Path home = root.resolve("client");
    TokenHome.of(home).init("bench", null);
    IdentityFile pid = Partitions.identityFile(partition);
    try (Token t = Token.open(home)) {
      store.registrations().register(partition.serial(), "bench",
          t.createIdentity("bench", KeyType.X25519, null).identity());
      t.registerPartition(pid, "par1", pid.fingerprint());
    }
    try (StcClient c = StcClient.open(home, null)) {
      c.enableServer(c.config().addServer("127.0.0.1", host.port(), null).id());
      try (Slot s = c.openSlot(0)) {
        char[] so = "so-pin-0001".toCharArray();
        s.initialize("bench", so);
        s.login(Role.PO, so);
        s.initPin(Role.CO, CO_PIN);
      }
    }
    return new BenchPartition(root, home, store, host);
  }

  @Override
  public void close() throws IOException {
    host.close();
    store.close();
    deleteTree(dir);
  }

  /** Deletes {@code dir} and everything under it (the benchmarks' temporary homes). */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
