package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.HtlToken;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;
import org.openstc.partition.ntls.HtlServer;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.HtlSettings;
import org.openstc.partition.store.HtlState;
import org.openstc.partition.store.PinHasher;

/**
 * The HTL service under faults, in process (docs/protocol.md section 40): a restart of the host's
 * HTL service (the state is in the store: the agent comes back with its last secret inside the
 * grace period, and needs a new token after it), and a silent network cut (no FIN): the host ends
 * the silent link after 15 s, the agent's read times out, and once the network is back the link
 * recovers with the last secret, or is refused when the cut outlasted the grace period.
 */
class HtlServiceFaultsTest {
  private static final String SERVER = "127.0.0.1";
  @TempDir Path dir;
  private HostStore store;
  private HtlServer htl;
  private Path home;
  private final List<String> status = new CopyOnWriteArrayList<>();
  private final List<Thread> agents = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    store = HostStore.create(dir.resolve("host"), "test", "test-so-password".toCharArray(),
        new PinHasher(64, 1), true);
    TlsCertificates.Issued hostCert = TlsCertificates.selfSigned("host", KeyAlgorithm.ECDSA_P256);
    store.ntlsServerKey().save(hostCert.certificate().getEncoded(), hostCert.key().getEncoded());
    home = dir.resolve("client");
    NtlsConfig config = NtlsConfig.load(home);
    byte[] clientCert = config.createCert(SERVER, KeyAlgorithm.ECDSA_P256).getEncoded();
    config.addServer(SERVER, hostCert.certificate().getEncoded(), 1792, true);
    store.ntls().register("VM_Client", "", SERVER, clientCert);
    store.htl().require("VM_Client", 0);
    byte[] token = new byte[32];
    new SecureRandom().nextBytes(token);
    HtlToken t = store.htl().generateOtt("VM_Client", token, System.currentTimeMillis());
    Path ott = config.htlDir().resolve(SERVER + ".ott");
    Files.createDirectories(ott.getParent());
    Files.write(ott, t.encode());
    htl = HtlServer.start(store, 0);
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Thread t : agents) {
      t.join(TimeUnit.SECONDS.toMillis(20)); // closed by the test: ends its last status write
    }
    htl.close();
    store.close();
  }

  private HtlAgent agent(int port) throws Exception {
    HtlAgent a = new HtlAgent(home, SERVER, port, Duration.ofSeconds(1), status::add);
    Thread t = new Thread(a, "agent");
    t.setDaemon(true);
    t.start();
    agents.add(t);
    return a;
  }

  private HtlState state() throws Exception {
    return store.htl().state("VM_Client").orElseThrow();
  }

  /** Waits for {@code condition}, re-checking at each agent status line or every 50 ms. */
  private static void await(String what, BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    Object tick = new Object();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "timed out waiting for: " + what);
      synchronized (tick) {
        tick.wait(50);
      }
    }
  }

  private boolean sawSince(int from, String text) {
    return status.subList(from, status.size()).stream().anyMatch(l -> l.contains(text));
  }

  private boolean up() {
    try {
      return state().linkUp();
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aRestartedServiceTakesTheLastSecretWithinTheGracePeriodOnly() throws Exception {
    int port = htl.port();
    try (HtlAgent a = agent(port)) {
      await("link up", () -> up() && status.contains("Up"));
      long before = state().counter();
      htl.close();
      await("link down on the host", () -> !up());
      int mark = status.size();
      htl = HtlServer.start(store, port); // tokens and secrets are in the store
      await("link up again", () -> up() && sawSince(mark, "Up"));
      assertTrue(state().counter() > before, "the secret kept rolling");
      assertFalse(state().cloneSuspected());

      store.htl().updateSettings(s -> new HtlSettings(0, s.defaultOttExpirySeconds()));
      htl.close();
      int down = status.size();
      htl = HtlServer.start(store, port);
      await("refused after the grace period", () -> sawSince(down, "grace period"));
      assertEquals("Down", state().linkStatus(System.currentTimeMillis(), 0));
    }
  }

  @Test
  void aSilentCutTimesOutOnBothSidesAndRecoversWithinTheGracePeriod() throws Exception {
    try (BlackHoleProxy net = new BlackHoleProxy(htl.port()); HtlAgent a = agent(net.port())) {
      await("link up", () -> up() && status.contains("Up"));
      int mark = status.size();
      long cut = System.nanoTime();
      net.cut();
      await("the host ends the silent link", () -> !up());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
      assertTrue(millis >= HtlState.SILENT_MILLIS - 1000, "ended after " + millis + " ms");
      assertTrue(sawSince(mark, "Attempting to connect"), status.toString());
      assertEquals("Grace Period", state().linkStatus(System.currentTimeMillis(), 60));
      int healed = status.size();
      net.heal();
      await("link up again", () -> up() && sawSince(healed, "Up"));
      assertFalse(state().cloneSuspected());

      store.htl().updateSettings(s -> new HtlSettings(0, s.defaultOttExpirySeconds()));
      int again = status.size();
      net.cut();
      await("the host ends the silent link", () -> !up());
      net.heal();
      await("refused after the grace period", () -> sawSince(again, "grace period"));
      Path secret = home.resolve("htl").resolve(SERVER + ".secret");
      await("the refused secret forgotten", () -> !Files.exists(secret));
    }
  }
}
