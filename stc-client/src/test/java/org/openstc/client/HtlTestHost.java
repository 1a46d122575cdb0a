package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.openstc.command.HtlToken;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;
import org.openstc.partition.ntls.HtlServer;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.HtlState;
import org.openstc.partition.store.PinHasher;

/**
 * An HTL service in this JVM (store, NTLS server key, {@link HtlServer} ending links silent for
 * {@link #SILENCE}) and a client home whose certificate is registered as {@code VM_Client}
 * {@code -requirehtl} with a token waiting in {@code htl/127.0.0.1.ott}; agents' status lines are
 * collected in {@link #status}.
 */
final class HtlTestHost implements AutoCloseable {
  static final String SERVER = "127.0.0.1";
  static final String CLIENT = "VM_Client";
  /** The host's silence timeout in these tests (the service's default is 15 s). */
  static final Duration SILENCE = Duration.ofSeconds(2);

  final HostStore store;
  final Path home;
  final NtlsConfig config;
  final byte[] serverCert;
  final List<String> status = new CopyOnWriteArrayList<>();
  private final List<Thread> agents = new CopyOnWriteArrayList<>();
  HtlServer htl;

  /** {@code htl} whether the server is added to the client's list with {@code -htl}. */
  HtlTestHost(Path dir, boolean htl) throws Exception {
    store = HostStore.create(dir.resolve("host"), "test", "test-so-password".toCharArray(),
        new PinHasher(64, 1), true);
    TlsCertificates.Issued hostCert = TlsCertificates.selfSigned("host", KeyAlgorithm.ECDSA_P256);
    serverCert = hostCert.certificate().getEncoded();
    store.ntlsServerKey().save(serverCert, hostCert.key().getEncoded());
    home = dir.resolve("client");
    config = NtlsConfig.load(home);
    byte[] clientCert = config.createCert(SERVER, KeyAlgorithm.ECDSA_P256).getEncoded();
    if (htl) {
      config.addServer(SERVER, serverCert, 1792, true);
    }
    store.ntls().register(CLIENT, "", SERVER, clientCert);
    store.htl().require(CLIENT, 0);
    HtlToken t = store.htl().generateOtt(CLIENT, System.currentTimeMillis());
    Path ott = config.htlDir().resolve(SERVER + ".ott");
    Files.createDirectories(ott.getParent());
    Files.write(ott, t.encode());
    start(0);
  }

  void start(int port) throws Exception {
    htl = HtlServer.start(store, port, SILENCE);
  }

  /** An agent polling every second, its read timing out after 3 s, on its own thread. */
  HtlAgent agent(int port) throws Exception {
    HtlAgent a = new HtlAgent(home, SERVER, port, Duration.ofSeconds(1), Duration.ofSeconds(3),
        status::add);
    Thread t = new Thread(a, "agent");
    t.setDaemon(true);
    t.start();
    agents.add(t);
    return a;
  }

  HtlState state() throws Exception {
    return store.htl().state(CLIENT).orElseThrow();
  }

  boolean up() {
    try {
      return state().linkUp();
    } catch (Exception e) {
      return false;
    }
  }

  boolean sawSince(int from, String text) {
    return status.subList(from, status.size()).stream().anyMatch(l -> l.contains(text));
  }

  /** Waits (deadline 40 s) for {@code condition}, re-checking every 50 ms. */
  static void await(String what, BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    Object tick = new Object();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out waiting for: " + what);
      synchronized (tick) {
        tick.wait(50);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Thread t : agents) {
      t.join(TimeUnit.SECONDS.toMillis(20)); // closed by the test: ends its last status write
    }
    htl.close();
    store.close();
  }
}
