package org.openstc.perf;

import io.netty.channel.Channel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.Suite;

/**
 * Figure e: heap per idle channel on the host side. The host runs in a child JVM
 * ({@link HostProcess}); this process opens {@code channels} STC channels (handshake and ACTIVATE
 * done, then idle), asks the child for its used heap after GC before and after, closes them, and
 * does the same with TLS 1.3 connections (handshake done, idle).
 */
final class IdleHeap {
  private final TestPki pki;
  private final int channels;
  private final long settleMillis;
  private final Results results;

  IdleHeap(TestPki pki, int channels, long settleMillis, Results results) {
    this.pki = pki;
    this.channels = channels;
    this.settleMillis = settleMillis;
    this.results = results;
  }

  void run(int runs) throws Exception {
    Path dir = Files.createTempDirectory("stc-perf-idle");
    pki.writeServerFiles(dir);
    InMemoryStaticKey clientKey = InMemoryStaticKey.generate(KeyType.X25519,
        CryptoProviders.jca());
    Process child = ChildJvm.start(HostProcess.class, dir.toString(),
        HexFormat.of().formatHex(clientKey.publicKey()));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        PerfClient client = new PerfClient(PerfMain.ioThreads())) {
      String[] ready = in.readLine().split(" ");
      Target stc = Target.stc("STC idle channel", Integer.parseInt(ready[1]),
          Long.parseLong(ready[3]),
          PeerIdentity.of(KeyType.X25519, HexFormat.of().parseHex(ready[4])), clientKey,
          Suite.X25519_AESGCM_SHA256, true);
      Target tls = Target.framed("TLS 1.3 mutual idle connection", Integer.parseInt(ready[2]),
          pki.clientContext());
      for (int run = 0; run < runs; run++) {
        for (Target t : run % 2 == 0 ? List.of(tls, stc) : List.of(stc, tls)) {
          long before = heap(in, out);
          List<Channel> open = open(client, t);
          long after = heap(in, out);
          closeAll(open);
          results.add("e", channels + " ch", t.name, "B/ch", (after - before) / (double) channels);
        }
      }
      out.println("quit");
      child.waitFor(10, TimeUnit.SECONDS);
    } finally {
      child.destroy();
      StcFixture.deleteTree(dir);
    }
  }

  private List<Channel> open(PerfClient client, Target t) throws Exception {
    List<Channel> open = new ArrayList<>();
    byte[] none = t.message(new byte[0]);
    for (int i = 0; i < channels; i += 32) {
      List<Driver> batch = new ArrayList<>();
      for (int j = i; j < Math.min(channels, i + 32); j++) {
        Driver d = new Driver(none, 0, 0, new LongAdder());
        open.add(client.connect(t, d));
        batch.add(d);
      }
      for (Driver d : batch) {
        d.ready.get(30, TimeUnit.SECONDS);
      }
    }
    Thread.sleep(settleMillis / 2); // the last ACTIVATE replaces the handshake handler after its reply
    return open;
  }

  private void closeAll(List<Channel> open) throws InterruptedException {
    for (Channel c : open) {
      c.close();
    }
    for (Channel c : open) {
      c.closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    Thread.sleep(settleMillis);
  }

  /** Asks the {@link HostProcess} on the other end for its used heap after GC. */
  static long heap(BufferedReader in, PrintWriter out) throws IOException {
    out.println("heap");
    String line = in.readLine();
    if (line == null || !line.startsWith("HEAP ")) {
      throw new IOException("host process answered " + line);
    }
    return Long.parseLong(line.substring(5));
  }
}
