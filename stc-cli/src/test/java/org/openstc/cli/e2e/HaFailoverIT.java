package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.HaConfig;
import org.openstc.client.HaGroup;
import org.openstc.client.HaSlot;
import org.openstc.client.SlotNumbers;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.identity.IdentityFile;
import org.openstc.token.Token;

/**
 * Issue 17: three {@code bin/stcsh service start} hosts, one HA group, a load of AES-GCM encrypt
 * and Ed25519 sign through its virtual slot; {@code kill -9} of one host mid-load loses no operation; the gap is
 * printed (docs/ha.md records it) and bounded generously; the restarted host rejoins and holds the
 * key created while it was away.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HaFailoverIT {
  private static final char[] SO = "so-pin-0001".toCharArray();
  private static final char[] CO = "co-pin-0001".toCharArray();
  @TempDir Path dir;

  /** {@code count} hosts, their partitions in one domain, the client of h0 registered on all. */
  private List<Long> start(List<LiveHost> hosts, int count, StcClient[] client) throws Exception {
    for (int i = 0; i < count; i++) {
      hosts.add(LiveHost.start(dir.resolve("h" + i)));
    }
    Path home = LiveHost.clientHome(dir.resolve("h0"));
    List<Long> serials = new ArrayList<>();
    client[0] = StcClient.open(home, null);
    Path idFile;
    try (Token t = Token.open(home)) {
      idFile = t.exportPublic(t.clientIdentity().orElseThrow(), dir);
    }
    for (int i = 0; i < count; i++) {
      LiveHost h = hosts.get(i);
      IdentityFile pid = IdentityFile.read(dir.resolve("h" + i).resolve("par1.pid"));
      if (i > 0) {
        h.stcsh("client", "register", "-partition", "par1", "-label", "haclient", "-file", idFile.toString());
        try (Token t = Token.open(home)) {
          t.registerPartition(pid, "par1-h" + i, null);
        }
      }
      h.stcsh("hsm", "changePolicy", "-policy", "16", "-value", "1");
      client[0].enableServer(client[0].config().addServer("127.0.0.1", h.port(), "h" + i).id());
      serials.add(pid.serial());
      try (Slot s = client[0].openPartition(pid.serial())) {
        s.initialize("par1", SO);
        s.login(Role.PO, SO);
        s.initPin(Role.CO, CO);
        s.setCloningDomain("live-ha-domain-0001".toCharArray());
      }
    }
    return serials;
  }

  /** The group's virtual slot over {@code serials}, opened as applications do, CO logged in. */
  private static HaSlot virtualSlot(StcClient client, List<Long> serials) throws Exception {
    HaConfig config = HaConfig.load(client.home());
    config.create("myHA", serials.get(0));
    for (long s : serials.subList(1, serials.size())) {
      config.addMember("myHA", s, false);
    }
    int n = SlotNumbers.haSlot(client.home(), "myHA", StcClient.DEFAULT_TIMEOUT).orElseThrow();
    HaSlot g = (HaSlot) client.openSlot(n);
    g.login(Role.CO, CO);
    return g;
  }

  /** What a test does with the started hosts, the client and the members' serials. */
  private interface WithHosts {
    void run(List<LiveHost> hosts, StcClient client, List<Long> serials) throws Exception;
  }

  private void withHosts(int count, WithHosts body) throws Exception {
    List<LiveHost> hosts = new ArrayList<>();
    StcClient[] client = new StcClient[1];
    try {
      List<Long> serials = start(hosts, count, client);
      body.run(hosts, client[0], serials);
    } finally {
      if (client[0] != null) {
        client[0].close();
      }
      for (LiveHost h : hosts) {
        h.close();
      }
    }
  }

  @Test
  void killNineMidLoadLosesNothingAndTheHostRejoinsWithTheNewKey() throws Exception {
    withHosts(3, (hosts, client, serials) -> run(client, hosts, serials));
  }

  /**
   * A member that stops answering (SIGSTOP: the connection stays up) is dropped when a command to
   * it exceeds the 20 s command timeout, and that command completes on the other member.
   */
  @Test
  void aMemberThatStopsAnsweringIsDroppedAfterTheTimeout() throws Exception {
    withHosts(2, (hosts, client, serials) -> {
      try (HaSlot g = virtualSlot(client, serials)) {
        long ed = g.generate(ObjectType.ED25519, "ed");
        for (int i = 0; i < 4; i++) {
          assertTrue(g.verify(ed, new byte[] {1}, g.sign(ed, new byte[] {1})));
        }
        signal("-STOP", hosts.get(1));
        long t0 = System.nanoTime();
        long slowest = 0;
        try {
          for (int i = 0; i < 4; i++) { // round-robin reaches the stopped member: one waits out the timeout
            long t = System.nanoTime();
            assertEquals(69, g.sign(ed, new byte[] {2}).length);
            slowest = Math.max(slowest, System.nanoTime() - t);
          }
        } finally {
          signal("-CONT", hosts.get(1));
        }
        System.out.printf("HA SIGSTOP: slowest sign %.1f s (command timeout %d s), 4 signs in %.1f s%n",
            slowest / 1e9, HaGroup.DEFAULT_COMMAND_TIMEOUT.toSeconds(), (System.nanoTime() - t0) / 1e9);
        assertEquals("down", g.group().members().get(1).status());
        assertTrue(slowest >= HaGroup.DEFAULT_COMMAND_TIMEOUT.toNanos() - 1_000_000_000L, "waited for the timeout");
        assertEquals(1, g.group().failovers());
      }
    });
  }

  private static void signal(String signal, LiveHost host) throws Exception {
    assertEquals(0, new ProcessBuilder("kill", signal, String.valueOf(host.pid())).inheritIO().start().waitFor());
  }

  private void run(StcClient client, List<LiveHost> hosts, List<Long> serials) throws Exception {
    try (HaSlot g = virtualSlot(client, serials)) {
      long aes = g.generate(ObjectType.AES256, "aes");
      long ed = g.generate(ObjectType.ED25519, "ed");
      AtomicLong ok = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      AtomicLong maxNanos = new AtomicLong();
      AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
      AtomicLong maxAfterKill = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      Runnable load = () -> {
        while (!stop.get()) {
          long t0 = System.nanoTime();
          try {
            g.encrypt(aes, new byte[] {1, 2, 3}, new byte[0]);
            g.sign(ed, new byte[] {4});
            ok.incrementAndGet();
          } catch (Exception e) {
            failed.incrementAndGet();
          }
          long took = System.nanoTime() - t0;
          maxNanos.accumulateAndGet(took, Math::max);
          if (t0 + took >= killedAt.get()) {
            maxAfterKill.accumulateAndGet(took, Math::max);
          }
        }
      };
      List<Thread> threads = List.of(new Thread(load), new Thread(load));
      threads.forEach(Thread::start);
      assertTrue(LiveHost.within(60_000, () -> ok.get() >= 300), "load started");
      killedAt.set(System.nanoTime());
      hosts.get(1).kill9();
      long atKill = ok.get();
      assertTrue(LiveHost.within(60_000, () -> ok.get() >= atKill + 300), "load went on");
      stop.set(true);
      for (Thread t : threads) {
        t.join(60_000);
      }
      System.out.printf("HA kill -9 (3 host processes, 2 load threads): %d operations, %d failed,"
          + " %d failovers, max latency %.1f ms, max latency around the kill %.1f ms%n",
          ok.get(), failed.get(), g.group().failovers(), maxNanos.get() / 1e6, maxAfterKill.get() / 1e6);
      assertEquals(0, failed.get());
      assertEquals("down", g.group().members().get(1).status());
      assertTrue(maxAfterKill.get() < Duration.ofSeconds(20).toNanos(), "gap within the 20 s command timeout");

      long meanwhile = g.generate(ObjectType.AES256, "meanwhile");
      hosts.get(1).restart();
      assertEquals(1, g.group().recoverNow());
      assertEquals("alive", g.group().members().get(1).status());
      try (Slot direct = client.openPartition(serials.get(1))) {
        direct.login(Role.CO, CO);
        assertEquals(List.of("aes", "ed", "meanwhile"),
            direct.objects().stream().map(ObjectBodies.Entry::label).sorted().toList());
        byte[] ct = g.encrypt(meanwhile, new byte[] {9}, new byte[0]);
        long h = direct.findObject("meanwhile").orElseThrow().handle();
        assertArrayEquals(new byte[] {9}, direct.decrypt(h, ct, new byte[0]));
      }
    }
  }
}
