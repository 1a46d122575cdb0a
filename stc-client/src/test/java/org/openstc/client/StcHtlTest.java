package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.HtlToken;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.AuditLog;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.HtlState;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.stc.KeyType;

/**
 * HTL for an STC registration (docs/protocol.md section 42) with the client library against an
 * in-process host: the token is consumed by the first channel, every channel advances the rolling
 * secret, and a copied client home is refused once the other instance has advanced.
 */
class StcHtlTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir Path dir;
  private HostStore store;
  private PartitionHost host;
  private PartitionRecord partition;
  private Path home;
  private String name;

  @BeforeEach
  void start() throws Exception {
    store = LinkSetup.store(dir);
    partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
    home = dir.resolve("client");
    LinkSetup.client(home, store, partition);
    try (StcClient c = StcClient.open(home, null)) {
      c.enableServer(c.config().addServer("127.0.0.1", host.port(), null).id());
    }
    name = store.htl().requireStc(partition.serial(), "client1", 0).client();
  }

  @AfterEach
  void stop() {
    host.close();
    store.close();
  }

  /** The administrator's token, copied into {@code clientHome} as stccm htl install does. */
  private void provision(Path clientHome, long now) throws Exception {
    byte[] token = new byte[32];
    RANDOM.nextBytes(token);
    HtlToken t = store.htl().generateOtt(name, token, now);
    Path ott = StcHtl.ottFile(clientHome, partition.serial());
    Files.createDirectories(ott.getParent());
    Files.write(ott, t.encode());
  }

  /** Opens slot 0 from {@code clientHome} and runs a command that the HTL gate holds back. */
  private void use(Path clientHome) throws Exception {
    try (StcClient c = StcClient.open(clientHome, null); Slot slot = c.openSlot(0)) {
      assertEquals(partition.serial(), slot.info().serial());
    }
  }

  private StcClientException refused(Path clientHome) throws Exception {
    return assertThrows(StcClientException.class, () -> use(clientHome));
  }

  private Path copy(Path from, String to) throws Exception {
    Path target = dir.resolve(to);
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path q = target.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else if (!p.getFileName().toString().endsWith(".lock")) {
          Files.copy(p, q);
        }
      }
    }
    return target;
  }

  private HtlState state() throws Exception {
    return store.htl().state(name).orElseThrow();
  }

  @Test
  void theTokenIsConsumedAndEachChannelAdvancesTheSecret() throws Exception {
    provision(home, System.currentTimeMillis());
    use(home);
    assertFalse(Files.exists(StcHtl.ottFile(home, partition.serial())));
    assertTrue(StcHtl.hasSecret(home, partition.serial()));
    assertEquals(1, state().counter());
    use(home);
    use(home);
    assertEquals(3, state().counter());
    assertEquals("Up", state().linkStatus(System.currentTimeMillis(), 60));
    assertEquals("In Use", state().ottStatus(System.currentTimeMillis()));
  }

  @Test
  void aCloneIsRefusedOnceTheOriginalAdvancedAndTheAdministratorResyncs() throws Exception {
    provision(home, System.currentTimeMillis());
    use(home);
    Path clone = copy(home, "clone");
    use(home); // the original advances past what the clone holds
    StcClientException e = refused(clone);
    assertTrue(e.getMessage().contains("stale secret"), e.getMessage());
    assertTrue(state().cloneSuspected());
    assertTrue(AuditLog.read(store.home(), 0).stream().anyMatch(l -> l.contains("STC client "
        + name) && l.contains("stale secret")), "audit line");
    use(home); // a stale attempt changes nothing of the original's state
    assertFalse(StcHtl.hasSecret(clone, partition.serial()), "the clone forgot its dead secret");

    provision(home, System.currentTimeMillis()); // re-sync: a new token for the trusted one
    assertFalse(state().cloneSuspected());
    use(home);
    Path old = copy(dir.resolve("clone"), "clone2");
    assertThrows(StcClientException.class, () -> use(old));
  }

  @Test
  void aCloneThatMovesFirstLocksTheOriginalOut() throws Exception {
    provision(home, System.currentTimeMillis());
    Path clone = copy(home, "clone"); // taken before the token was used
    use(clone);
    StcClientException e = refused(home);
    assertTrue(e.getMessage().contains("one-time token already used"), e.getMessage());
    assertTrue(Files.exists(home.resolve("htl").resolve("stc-" + partition.serial()
        + ".ott.refused")));
    assertTrue(state().cloneSuspected());
    use(clone);
  }

  @Test
  void withoutAProofTheChannelCarriesOnlyEcho() throws Exception {
    try (StcClient c = StcClient.open(home, null); Slot slot = c.openSlot(0)) {
      assertArrayEquals(new byte[] {7}, slot.echo(new byte[] {7}));
      StcClientException e = assertThrows(StcClientException.class, slot::info);
      assertTrue(e.getMessage().contains("-requirehtl"), e.getMessage());
    }
  }

  @Test
  void aProofToARegistrationWithoutHtlIsAMismatchAndKeepsTheFiles() throws Exception {
    provision(home, System.currentTimeMillis());
    store.htl().forget(name);
    StcClientException e = refused(home);
    assertTrue(e.getMessage().contains("does not take this client's HTL proof"), e.getMessage());
    assertTrue(Files.exists(StcHtl.ottFile(home, partition.serial())));
  }

  @Test
  void expiredEditedAndTruncatedTokensAreRefused() throws Exception {
    provision(home, System.currentTimeMillis() - 301_000);
    assertTrue(refused(home).getMessage().contains("expired"));
    provision(home, System.currentTimeMillis());
    Path ott = StcHtl.ottFile(home, partition.serial());
    byte[] file = Files.readAllBytes(ott);
    Files.write(ott, java.util.Arrays.copyOf(file, file.length - 10));
    assertTrue(refused(home).getMessage().contains("not sent"));
    file[file.length - 3] ^= 1;
    Files.write(ott, file);
    assertTrue(refused(home).getMessage().contains("not sent"));
  }

  @Test
  void theProcessesOfOneHomeNeverRaceEachOther() throws Exception {
    provision(home, System.currentTimeMillis());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (StcClient c = StcClient.open(home, null)) {
      List<Future<Long>> all = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        all.add(pool.submit(() -> {
          try (Slot slot = c.openSlot(0)) {
            return slot.info().serial();
          }
        }));
      }
      for (Future<Long> f : all) {
        assertEquals(partition.serial(), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(12, state().counter());
    assertFalse(state().cloneSuspected());
  }

  @Test
  void deregisteringTheClientForgetsItsHtlState() throws Exception {
    store.registrations().deregister(partition.serial(), "client1");
    assertTrue(store.htl().state(name).isEmpty());
  }
}
