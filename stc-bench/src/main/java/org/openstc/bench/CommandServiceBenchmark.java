package org.openstc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openstc.command.CkResult;
import org.openstc.command.CommandResponse;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.CommandService;
import org.openstc.partition.Session;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerRegistry.RegisteredPeer;

/**
 * The partition host's command service without the network (docs/performance.md 2.0.3): ENCRYPT
 * of 1 KiB with an AES key object by a logged-in Crypto Officer, as {@code
 * CommandService.handle} runs it on a worker ({@code cachedKey}: partition record and key
 * primitive from the caches), as the I/O thread runs it ({@code cachedKeyInline}: {@code
 * handleCached}), and without the key cache ({@code uncachedKey}: the requests cycle through more
 * keys than the cache holds per partition, so each one reads the object in an LMDB transaction,
 * decrypts its keyset and builds the Tink primitive, as every command did before the caches).
 * The store is LMDB without fsync in a temporary directory. Throughput, one thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class CommandServiceBenchmark {
  /** More keys than the key cache keeps per partition (1,024), used round robin. */
  static final int COLD_KEYS = 1100;
  private static final byte[] CO_PIN = "bench-co-pin".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NO_AAD = new byte[0];

  private Path dir;
  private HostStore store;
  private CommandService service;
  private Session session;
  private byte[] hot;
  private byte[][] cold;
  private int next;

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("command-bench");
    store = HostStore.create(dir.resolve("host"), "bench", "bench-so-password".toCharArray(),
        new PinHasher(64, 1), false);
    long serial = store.partitions().create("par1", 1 << 20, KeyType.X25519).serial();
    store.roles().initialize(serial, "bench", "bench-so-pin".getBytes(StandardCharsets.US_ASCII),
        false);
    store.roles().setPin(serial, Role.CO, CO_PIN);
    InMemoryStaticKey client = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
    store.registrations().register(serial, "bench", client.identity());
    service = new CommandService(store);
    session = service.openSession(serial, new RegisteredPeer("bench", client.identity()));
    check(service.handle(session, Requests.login(1, Role.CO, CO_PIN).encode()));
    byte[] kib = new byte[1024];
    cold = new byte[COLD_KEYS][];
    for (int i = 0; i < COLD_KEYS; i++) {
      long handle = store.objects().generate(serial, ObjectType.AES256, "k" + i).handle();
      cold[i] = Requests.encrypt(2, handle, kib, NO_AAD).encode();
    }
    hot = cold[0];
    check(cachedKey());
    check(cachedKeyInline());
  }

  private static void check(byte[] response) throws Exception {
    CommandResponse r = CommandResponse.decode(response);
    if (r.result() != CkResult.CKR_OK) {
      throw new IllegalStateException("the command service answered " + r);
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    store.close();
    BenchPartition.deleteTree(dir);
  }

  @Benchmark
  public byte[] cachedKey() {
    return service.handle(session, hot);
  }

  @Benchmark
  public byte[] cachedKeyInline() {
    return service.handleCached(session, hot);
  }

  @Benchmark
  public byte[] uncachedKey() {
    byte[] request = cold[next];
    next = next + 1 == COLD_KEYS ? 0 : next + 1;
    return service.handle(session, request);
  }
}
