package org.openstc.perf;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/**
 * Figure e's host, a child JVM so that its heap holds only the server side: a partition host with
 * one X25519 partition (the parent's client registered) and a TLS 1.3 echo server (certificates
 * from the parent). Prints {@code READY stcPort tlsPort serial partitionKeyHex}, then answers
 * {@code heap} with {@code HEAP <used bytes after GC>} and exits on {@code quit} or end of input.
 *
 * <pre>HostProcess dir clientPublicKeyHex</pre>
 */
public final class HostProcess {
  private HostProcess() {}

  /** A new host store in {@code dir/host} (cheap PIN hashing, a random SO password). */
  static HostStore newStore(Path dir, String label) throws Exception {
    return HostStore.create(dir.resolve("host"), label,
        java.util.UUID.randomUUID().toString().toCharArray(), new PinHasher(64, 1), false);
  }

  /** A new X25519 partition, any number of sessions, the client with {@code clientKeyHex} registered. */
  static PartitionRecord partition(HostStore store, String label, String clientKeyHex) throws Exception {
    PeerIdentity client = PeerIdentity.of(KeyType.X25519, HexFormat.of().parseHex(clientKeyHex));
    PartitionRecord r = store.partitions().create(label, 1 << 20, KeyType.X25519);
    store.updatePolicy(r.serial(), p -> p.toBuilder().maxSessions(ChannelPolicy.MAX_MAX_SESSIONS).build());
    store.registrations().register(r.serial(), "client", client);
    return r;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (HostStore store = newStore(dir, "perf")) {
      PartitionRecord r = partition(store, "idle", args[1]);
      PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
          CryptoProviders.tuned());
      EchoServer tls = new EchoServer(TestPki.serverContext(dir), PerfMain.ioThreads());
      System.out.println("READY " + host.port() + " " + tls.port() + " " + r.serial() + " "
          + HexFormat.of().formatHex(Partitions.identity(r).publicKey()));
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
          StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        if (line.equals("heap")) {
          System.out.println("HEAP " + PerfMain.usedHeapAfterGc());
          System.out.flush();
        }
      }
      tls.close();
      host.close();
    }
  }
}
