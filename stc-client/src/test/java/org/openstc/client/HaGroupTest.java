package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.partition.store.Policy;

/** An HA group over three partition hosts: replication, balancing, failover, recovery. */
class HaGroupTest {
  private static final byte[] AAD = {7};
  @TempDir Path dir;
  HaHosts hosts;
  StcClient client;
  HaGroup group;

  /** The group's virtual slot as an application opens it: by slot number, then a CO login. */
  private HaSlot open(List<Long> active, List<Long> standby) throws Exception {
    HaConfig config = HaConfig.load(hosts.clientHome);
    config.create("myHA", active.get(0));
    for (long s : active.subList(1, active.size())) {
      config.addMember("myHA", s, false);
    }
    for (long s : standby) {
      config.addMember("myHA", s, true);
    }
    client = StcClient.open(hosts.clientHome, null);
    int n = SlotNumbers.haSlot(hosts.clientHome, "myHA", Duration.ofSeconds(5)).orElseThrow();
    HaSlot slot = (HaSlot) client.openSlot(n);
    slot.login(Role.CO, HaHosts.CO_PIN);
    group = slot.group();
    return slot;
  }

  @AfterEach
  void close() {
    if (group != null) {
      group.close();
    }
    if (client != null) {
      client.close();
    }
    hosts.close();
  }

  private List<String> labelsOn(int host) throws Exception {
    return hosts.stores.get(host).objects().list(hosts.serials.get(host)).stream()
        .map(ObjectBodies.Entry::label).sorted().toList();
  }

  @Test
  void keysAreClonedToEveryMemberAndWorkOnAny() throws Exception {
    hosts = new HaHosts(dir, 3);
    HaSlot g = open(hosts.serials, List.of());
    long aes = g.generate(ObjectType.AES256, "aes");
    long ed = g.generate(ObjectType.ED25519, "ed");
    for (int i = 0; i < 3; i++) {
      assertEquals(List.of("aes", "ed"), labelsOn(i));
    }
    for (int i = 0; i < 12; i++) { // round-robin: each member decrypts what others encrypted
      byte[] ct = g.encrypt(aes, new byte[] {(byte) i}, AAD);
      assertArrayEquals(new byte[] {(byte) i}, g.decrypt(aes, ct, AAD));
      assertTrue(g.verify(ed, new byte[] {(byte) i}, g.sign(ed, new byte[] {(byte) i})));
    }
    assertEquals(List.of(aes, ed), g.objects().stream().map(ObjectBodies.Entry::handle).toList());
    StcClientException dup = assertThrows(StcClientException.class, () -> g.generate(ObjectType.AES256, "aes"));
    assertTrue(dup.getMessage().contains("already has"), dup.getMessage());
    assertEquals(0, g.group().failovers());
  }

  @Test
  void killingAMemberMidLoadLosesNoOperation() throws Exception {
    hosts = new HaHosts(dir, 3);
    HaSlot g = open(hosts.serials, List.of());
    long aes = g.generate(ObjectType.AES256, "aes");
    long ed = g.generate(ObjectType.ED25519, "ed");
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong maxNanos = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    Runnable load = () -> {
      while (!stop.get()) {
        long t0 = System.nanoTime();
        try {
          g.decrypt(aes, g.encrypt(aes, new byte[] {1, 2}, AAD), AAD);
          g.sign(ed, new byte[] {3});
          ok.incrementAndGet();
        } catch (StcClientException e) {
          failed.incrementAndGet();
        }
        maxNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
      }
    };
    Thread[] threads = {new Thread(load), new Thread(load)};
    for (Thread t : threads) {
      t.start();
    }
    awaitCount(ok, 200);
    hosts.kill(1);
    long atKill = ok.get();
    awaitCount(ok, atKill + 200);
    stop.set(true);
    for (Thread t : threads) {
      t.join(30_000);
    }
    System.out.printf("HA failover: %d operations, %d failed, %d failovers, max latency %.1f ms%n",
        ok.get(), failed.get(), g.group().failovers(), maxNanos.get() / 1e6);
    assertEquals(0, failed.get());
    assertEquals(1, g.group().failovers());
    assertEquals("down", g.group().members().get(1).status());
    assertTrue(maxNanos.get() < Duration.ofSeconds(10).toNanos(), "failover gap under the 10 s bound");
  }

  @Test
  void aMemberThatWasAwayGetsTheKeysCreatedMeanwhile() throws Exception {
    hosts = new HaHosts(dir, 3);
    HaSlot g = open(hosts.serials, List.of());
    long old = g.generate(ObjectType.AES256, "old");
    hosts.kill(2);
    g.random(16); // may land anywhere; the next key management finds member 2 gone
    long fresh = g.generate(ObjectType.EC_P256, "fresh");
    g.destroy(old);
    assertEquals("down", g.group().members().get(2).status());
    assertEquals(List.of("old"), labelsOn(2));
    hosts.restart(2);
    assertEquals(1, g.group().recoverNow());
    assertEquals(List.of("fresh"), labelsOn(2));
    for (int i = 0; i < 6; i++) {
      assertTrue(g.verify(fresh, new byte[] {1}, g.sign(fresh, new byte[] {1})));
    }
    assertEquals("alive", g.group().members().get(2).status());
  }

  @Test
  void backgroundRecoveryRejoinsWithinTheInterval() throws Exception {
    hosts = new HaHosts(dir, 2);
    HaSlot g = open(hosts.serials, List.of());
    g.group().autoRecovery(100, Duration.ofMillis(200)); // test-only interval; the CLI keeps >= 60 s
    hosts.kill(1);
    long k = g.generate(ObjectType.AES256, "meanwhile");
    assertEquals("down", g.group().members().get(1).status());
    hosts.restart(1);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!g.group().members().get(1).status().equals("alive") && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals("alive", g.group().members().get(1).status());
    assertEquals(List.of("meanwhile"), labelsOn(1));
    assertArrayEquals(new byte[] {5}, g.decrypt(k, g.encrypt(k, new byte[] {5}, AAD), AAD));
  }

  @Test
  void allMembersDownIsAClearErrorThenRecovers() throws Exception {
    hosts = new HaHosts(dir, 2);
    HaSlot g = open(List.of(hosts.serials.get(0)), List.of(hosts.serials.get(1)));
    long k = g.generate(ObjectType.AES256, "k");
    hosts.kill(0);
    assertArrayEquals(new byte[] {1}, g.decrypt(k, g.encrypt(k, new byte[] {1}, AAD), AAD)); // standby serves
    hosts.kill(1);
    StcClientException e = assertThrows(StcClientException.class, () -> g.encrypt(k, new byte[] {1}, AAD));
    assertEquals(StcClientException.Kind.SERVER_DOWN, e.kind());
    assertTrue(e.getMessage().contains("every member of HA group myHA is down"), e.getMessage());
    hosts.restart(1);
    assertEquals(1, g.group().recoverNow());
    assertArrayEquals(new byte[] {2}, g.decrypt(k, g.encrypt(k, new byte[] {2}, AAD), AAD));
  }

  @Test
  void aMemberThatRefusesCloningIsDroppedNotTheOperation() throws Exception {
    hosts = new HaHosts(dir, 2);
    hosts.stores.get(1).policies().changePartition(hosts.serials.get(1),
        Policy.ALLOW_SECRET_KEY_CLONING.code(), 0);
    HaSlot g = open(hosts.serials, List.of());
    long k = g.generate(ObjectType.AES256, "k");
    assertEquals("down", g.group().members().get(1).status());
    assertTrue(g.group().members().get(1).lastError().contains("policy 4"), g.group().members().get(1).lastError());
    assertFalse(labelsOn(1).contains("k"));
    assertArrayEquals(new byte[] {3}, g.decrypt(k, g.encrypt(k, new byte[] {3}, AAD), AAD));
  }

  private static void awaitCount(AtomicLong counter, long target) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (counter.get() < target && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(counter.get() >= target, "load reached " + counter.get() + " of " + target);
  }
}
