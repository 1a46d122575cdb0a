package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;

/**
 * A bounded soak against {@code stcsh service start}: for {@code -Dstc.soak.seconds} (default
 * 40) clients run commands on channels they reconnect every few commands with a rekey on each,
 * one keeps generating objects (each acknowledged label is recorded), one registers and
 * deregisters clients, and a hostile thread sends bogus OPENs, one OPEN replayed over and over and
 * holds half-open connections. At the end: nothing leaked in the service process (descriptors and
 * threads back to their level after warm-up, heap after a full GC within 64 MiB of it), every
 * acknowledged object and registration is there, and the legitimate commands' p99 stayed under
 * {@link #P99_BOUND_MILLIS}. {@link SoakProbe} reads the process.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class SoakIT {
  static final long P99_BOUND_MILLIS = 2_000;
  private static final char[] PO_PIN = "po-pin-1234".toCharArray();
  private static final char[] CO_PIN = "co-pin-1234".toCharArray();
  @TempDir Path dir;

  @Test
  void clientsAndAHostileBackgroundLeakNothingAndLoseNothing() throws Exception {
    long seconds = Long.getLong("stc.soak.seconds", 40);
    try (LiveHost host = LiveHost.start(dir);
        StcClient client = StcClient.open(LiveHost.clientHome(dir), null)) {
      client.enableServer(client.config().addServer("127.0.0.1", host.port(), null).id());
      // Store writes are synced; on a loaded shared machine one can take seconds (reported).
      client.timeout(java.time.Duration.ofSeconds(60));
      List<Long> writes = Collections.synchronizedList(new ArrayList<>());
      long serial;
      try (Slot slot = client.openSlot(0)) {
        serial = slot.serial();
        slot.initialize("soak", PO_PIN);
        slot.login(Role.PO, PO_PIN);
        slot.initPin(Role.CO, CO_PIN);
      }
      SoakProbe probe = new SoakProbe(host.pid());
      SoakProbe.Sample warm = probe.sample();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      Set<String> objects = ConcurrentHashMap.newKeySet();
      Set<String> registered = ConcurrentHashMap.newKeySet();
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        threads.add(worker(failures, () -> {
          while (System.nanoTime() < end) {
            try (Slot slot = client.openSlot(0)) {
              slot.rekey();
              for (int k = 0; k < 20; k++) {
                long t0 = System.nanoTime();
                slot.echo(new byte[64]);
                latencies.add(System.nanoTime() - t0);
              }
            }
          }
        }));
      }
      threads.add(worker(failures, () -> {
        try (Slot slot = client.openSlot(0)) {
          slot.login(Role.CO, CO_PIN);
          List<Long> handles = new ArrayList<>();
          for (int n = 0; System.nanoTime() < end; n++) {
            long t0 = System.nanoTime();
            handles.add(slot.generate(ObjectType.AES256, "soak" + n));
            writes.add(System.nanoTime() - t0);
            objects.add("soak" + n);
            if (handles.size() > 10) { // the partition's space stays bounded
              slot.destroy(handles.remove(0));
              objects.remove("soak" + (n - 10));
            }
          }
        }
      }));
      threads.add(worker(failures, () -> {
        try (Slot slot = client.openSlot(0)) {
          slot.login(Role.PO, PO_PIN);
          for (int n = 0; System.nanoTime() < end; n++) {
            slot.registerClient("r" + n, InMemoryStaticKey.generate(KeyType.X25519,
                CryptoProviders.jca()).identity(), null);
            registered.add("r" + n);
            if (n > 0) { // at most two of them registered at a time
              slot.deregisterClient("r" + (n - 1));
              registered.remove("r" + (n - 1));
            }
          }
        }
      }));
      byte[] replayed = new ClientHandshake(CryptoProviders.jca(), InMemoryStaticKey.generate(
          KeyType.X25519, CryptoProviders.jca()), serial,
          IdentityFile.read(dir.resolve("par1.pid")).identity()).start();
      long[] hostile = new long[1];
      threads.add(worker(failures, () -> hostile[0] = hostile(host.port(), replayed, end)));
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(List.of(), failures);

      try (Slot slot = client.openSlot(0)) {
        slot.login(Role.CO, CO_PIN);
        Set<String> stored = slot.objects().stream().map(o -> o.label())
            .collect(Collectors.toSet());
        assertTrue(stored.containsAll(objects), "every acknowledged object is stored");
        slot.logout();
        slot.login(Role.PO, PO_PIN);
        Set<String> clients = slot.listClients().stream().map(c -> c.label())
            .collect(Collectors.toSet());
        assertTrue(clients.containsAll(registered), "every registration kept is there");
      }
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      long p50 = TimeUnit.NANOSECONDS.toMillis(sorted.get(sorted.size() / 2));
      long p99 = TimeUnit.NANOSECONDS.toMillis(sorted.get(sorted.size() * 99 / 100));
      List<Long> w = new ArrayList<>(writes);
      Collections.sort(w);
      SoakProbe.Sample after = probe.settled(warm);
      System.out.printf("soak %d s: %d echo commands (p50 %d ms, p99 %d ms), %d object writes "
          + "(p50 %d ms, max %d ms), %d hostile connections; warm %s; after %s%n", seconds,
          sorted.size(), p50, p99, w.size(), TimeUnit.NANOSECONDS.toMillis(w.get(w.size() / 2)),
          TimeUnit.NANOSECONDS.toMillis(w.get(w.size() - 1)), hostile[0], warm, after);
      assertTrue(p99 <= P99_BOUND_MILLIS, "p99 " + p99 + " ms");
      assertTrue(after.fds() <= warm.fds() + 8, "descriptors " + warm + " -> " + after);
      assertTrue(after.threads() <= warm.threads() + 8, "threads " + warm + " -> " + after);
      assertTrue(after.heapKiB() <= warm.heapKiB() + 64 * 1024, "heap " + warm + " -> " + after);
    }
  }

  /** Bogus OPENs, one OPEN replayed, half-open connections (50 held); returns connections made. */
  private static long hostile(int port, byte[] replayed, long end) throws Exception {
    Random random = new Random(1);
    List<Socket> held = new ArrayList<>();
    long made = 0;
    try {
      while (System.nanoTime() < end) {
        // From another address than the clients: connections of one address compete for its
        // pending slots (the oldest is closed), so a hostile peer behind the clients' own address
        // could close their handshakes; that is the per-source cap's documented trade-off.
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port,
            InetAddress.getByName("127.0.0.2"), 0);
        made++;
        OutputStream out = s.getOutputStream();
        switch ((int) (made % 3)) {
          case 0 -> {
            byte[] bogus = replayed.clone();
            for (int i = 4; i < bogus.length; i++) {
              bogus[i] = (byte) random.nextInt();
            }
            out.write(bogus);
            s.close();
          }
          case 1 -> {
            out.write(replayed);
            s.close();
          }
          default -> {
            out.write(replayed, 0, 2);
            held.add(s);
            if (held.size() > 50) {
              held.remove(0).close();
            }
          }
        }
        TimeUnit.MILLISECONDS.sleep(5); // pacing the hostile load, not synchronisation
      }
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    return made;
  }

  private interface Body {
    void run() throws Exception;
  }

  private static Thread worker(List<Throwable> failures, Body body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Throwable e) {
        failures.add(new AssertionError(Thread.currentThread().getName() + ": " + e, e));
      }
    });
    t.setName("soak-" + failures.hashCode() % 1000 + "-" + t.getId());
    return t;
  }
}
