package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * A real partition host in this JVM with partition "p11part" (initialized, Crypto Officer PIN
 * {@link #CO_PIN}), a client home registered on it as slot 0, and {@code bin/stc-p11 serve} run
 * as its own process on a socket in {@code dir}; {@link #secondClient} adds another client (its
 * own home and stc-p11) of the same partition, closed before this one.
 */
final class LivePartition implements AutoCloseable {
  static final String CO_PIN = "co-pin-1234";
  static final String LABEL = "p11part";

  final Path home;
  final Path socket;
  final long serial;
  private final HostStore store;
  private final PartitionHost host;
  private final PartitionRecord partition;
  private Process server;

  private LivePartition(Path home, Path socket, long serial, HostStore store, PartitionHost host,
      PartitionRecord partition) {
    this.home = home;
    this.socket = socket;
    this.serial = serial;
    this.store = store;
    this.host = host;
    this.partition = partition;
  }

  /** The host, the client home and the partition set up; no stc-p11 running yet. */
  static LivePartition create(Path dir) throws Exception {
    HostStore store = HostStore.create(dir.resolve("host"), "test", "test-so-password".toCharArray(),
        new PinHasher(64, 1), true);
    PartitionRecord partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
        CryptoProviders.jca());
    Path home = dir.resolve("client");
    client(store, partition, host, home, "client");
    try (StcClient c = StcClient.open(home, null)) {
      try (Slot slot = c.openSlot(0)) {
        char[] so = "so-pin-1234".toCharArray();
        slot.initialize(LABEL, so);
        slot.login(Role.PO, so);
        slot.initPin(Role.CO, CO_PIN.toCharArray());
      }
    }
    return new LivePartition(home, dir.resolve("p11.sock"), partition.serial(), store, host,
        partition);
  }

  /** A client home with its own identity, registered on the partition, the host as slot 0. */
  private static void client(HostStore store, PartitionRecord partition, PartitionHost host,
      Path home, String name) throws Exception {
    TokenHome.of(home).init(name, null);
    IdentityFile pid = Partitions.identityFile(partition);
    try (Token t = Token.open(home)) {
      ClientIdentity id = t.createIdentity(name, KeyType.X25519, null);
      store.registrations().register(partition.serial(), name, id.identity());
      t.registerPartition(pid, "par1", pid.fingerprint());
    }
    try (StcClient c = StcClient.open(home, null)) {
      c.enableServer(c.config().addServer("127.0.0.1", host.port(), null).id());
    }
  }

  /** A second client of the same partition, with its own home under {@code dir} and its own stc-p11. */
  LivePartition secondClient(Path dir) throws Exception {
    Path home2 = dir.resolve("client2");
    client(store, partition, host, home2, "client2");
    return new LivePartition(home2, dir.resolve("p11-2.sock"), serial, null, null, partition);
  }

  /** An stc-p11 for a client home whose hosts someone else runs (closing it stops only stc-p11). */
  static LivePartition forHome(Path home, Path socket, long serial) {
    return new LivePartition(home, socket, serial, null, null, null);
  }

  /** Starts {@code bin/stc-p11 serve -socket SOCKET} and waits until it listens. */
  LivePartition serve() throws IOException {
    Path root = Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
    ProcessBuilder pb = new ProcessBuilder(List.of(root.resolve("bin/stc-p11").toString(),
        "serve", "-socket", socket.toString())).redirectErrorStream(true);
    pb.environment().put("STC_HOME", home.toString());
    server = pb.start();
    BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(),
        StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = r.readLine()) != null; ) {
      seen.append(line).append('\n');
      if (line.startsWith("stc-p11 listening on")) {
        Thread drain = new Thread(() -> {
          try {
            r.transferTo(java.io.Writer.nullWriter());
          } catch (IOException ignored) {
            // the server ended
          }
        });
        drain.setDaemon(true);
        drain.start();
        return this;
      }
    }
    throw new IOException("stc-p11 ended before listening:\n" + seen);
  }

  /** Closes every channel to the partition from the host side (as a host restart would). */
  void disconnectAll() {
    host.server().disconnect(serial, c -> true,
        org.openstc.stc.StcError.CKR_STC_NO_CONTEXT, "test: channel lost");
  }

  int hostChannels() {
    return host.server().activeChannels();
  }

  @Override
  public void close() {
    if (server != null) {
      server.destroy();
      try {
        assertTrue(server.waitFor(20, TimeUnit.SECONDS), "stc-p11 did not stop on SIGTERM");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (host != null) {
      host.close();
      store.close();
    }
  }
}
