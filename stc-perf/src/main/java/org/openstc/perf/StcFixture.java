package org.openstc.perf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ChannelService;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.server.StcServer;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.Suite;

/**
 * The STC side of a run: a real {@link PartitionHost} on a {@link HostStore} in a temporary
 * directory (LMDB without fsync) with one partition per key type, each with one registered client,
 * and a second host on the same store with {@link ServerConfig#inlineCrypto} off (every command
 * but ECHO on a worker, as before docs/performance.md 2.0.3); and two bare {@link StcServer}s whose service echoes the record payload (raw record echo), one
 * running it on the event loop, one through the worker pool.
 */
final class StcFixture implements Closeable {
  static final byte[] EMPTY = new byte[0];

  /** A partition and the client registered on it. */
  record Part(long serial, PeerIdentity identity, InMemoryStaticKey client) {}

  final Path home;
  final HostStore store;
  final PartitionHost host;
  final PartitionHost hostOnWorkers;
  final StcServer raw;
  final StcServer rawHop;
  final Part rawPart;
  private final Map<KeyType, Part> parts = new EnumMap<>(KeyType.class);

  StcFixture(ServerConfig config) throws Exception {
    home = Files.createTempDirectory("stc-perf-host");
    store = HostStore.create(home.resolve("host"), "perf",
        java.util.UUID.randomUUID().toString().toCharArray(), new PinHasher(64, 1), false);
    for (KeyType type : KeyType.values()) {
      parts.put(type, createPartition(store, type.label(), type, 1 << 20, "client"));
    }
    host = PartitionHost.start(store, config, CryptoProviders.tuned());
    hostOnWorkers = PartitionHost.start(store, config.withInlineCrypto(false),
        CryptoProviders.tuned());

    InMemoryStaticKey partitionKey = InMemoryStaticKey.generate(KeyType.X25519,
        CryptoProviders.tuned());
    InMemoryStaticKey client = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.tuned());
    InMemoryPeerRegistry registry = new InMemoryPeerRegistry().register("client", client.identity());
    PartitionEndpoint endpoint = new PartitionEndpoint(1, partitionKey, registry,
        ChannelPolicy.builder().maxSessions(ChannelPolicy.MAX_MAX_SESSIONS).build());
    rawPart = new Part(1, partitionKey.identity(), client);
    raw = new StcServer(config, CryptoProviders.tuned(),
        serial -> serial == 1 ? Optional.of(endpoint) : Optional.empty(),
        (p, c, i) -> new RawEcho(true)).start();
    rawHop = new StcServer(config, CryptoProviders.tuned(),
        serial -> serial == 1 ? Optional.of(endpoint) : Optional.empty(),
        (p, c, i) -> new RawEcho(false)).start();
  }

  /**
   * Echoes the record payload (an empty reply for bulk messages); {@code inline} lets the server
   * run it on the event loop, otherwise every request takes the worker pool like a real command.
   */
  private record RawEcho(boolean inline) implements ChannelService {
    @Override
    public byte[] handle(byte[] request) {
      return request.length >= Message.ACK_THRESHOLD ? EMPTY : request;
    }

    @Override
    public boolean runsOnEventLoop(byte[] request) {
      return inline;
    }
  }

  /** Creates a partition with max sessions at its maximum and registers a fresh client key. */
  static Part createPartition(HostStore store, String name, KeyType type, long size,
      String clientLabel) throws Exception {
    PartitionRecord r = store.partitions().create(name, size, type);
    store.updatePolicy(r.serial(),
        p -> p.toBuilder().maxSessions(ChannelPolicy.MAX_MAX_SESSIONS).build());
    InMemoryStaticKey client = InMemoryStaticKey.generate(type, CryptoProviders.tuned());
    store.registrations().register(r.serial(), clientLabel, client.identity());
    return new Part(r.serial(), Partitions.identity(r), client);
  }

  Part part(KeyType type) {
    return parts.get(type);
  }

  /** The ECHO command of the partition host, over {@code suite}. */
  Target echoCommand(Suite suite) {
    Part p = parts.get(suite.keyType());
    return Target.stc("STC echo cmd " + label(suite), host.port(), p.serial(), p.identity(),
        p.client(), suite, true);
  }

  /**
   * The ECHO command with several messages per record (docs/protocol.md 24a): the client asks for
   * it after ACTIVATE and packs what it flushes together, the host packs replies ready together.
   */
  Target echoCommandPacked(Suite suite) {
    Part p = parts.get(suite.keyType());
    return Target.stc("STC echo cmd packed " + label(suite), host.port(), p.serial(),
        p.identity(), p.client(), suite, true, true);
  }

  /** The raw record echo with several messages per record. */
  Target rawEchoPacked(Suite suite) {
    return Target.stc("STC raw echo packed " + label(suite), raw.port(), rawPart.serial(),
        rawPart.identity(), rawPart.client(), suite, false, true);
  }

  /** The raw record echo (X25519 suites only). */
  Target rawEcho(Suite suite) {
    return Target.stc("STC raw echo " + label(suite), raw.port(), rawPart.serial(),
        rawPart.identity(), rawPart.client(), suite, false);
  }

  /** The raw record echo with every request on the worker pool (the server's general path). */
  Target rawEchoViaWorkers(Suite suite) {
    return Target.stc("STC raw echo via workers " + label(suite), rawHop.port(), rawPart.serial(),
        rawPart.identity(), rawPart.client(), suite, false);
  }

  static String label(Suite s) {
    return s.keyType().label() + "/" + s.cipher().name() + "/" + s.hash().name();
  }

  @Override
  public void close() throws IOException {
    raw.close();
    rawHop.close();
    host.close();
    hostOnWorkers.close();
    store.close();
    deleteTree(home);
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
