package org.openstc.perf;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.Policy;

/**
 * One member host of figure h ({@link HaFigure}), a child JVM so that each member's CPU time is its
 * own process's: a partition host with one X25519 partition (the parent's client registered,
 * network replication allowed), its identity file written to {@code dir/partition.pid}. Prints
 * {@code READY port}, then exits on {@code quit} or end of input. The parent initializes the
 * partition through the client library, as an administrator would.
 *
 * <pre>HaHost dir clientPublicKeyHex</pre>
 */
public final class HaHost {
  static final String IDENTITY_FILE = "partition.pid";

  private HaHost() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (HostStore store = HostProcess.newStore(dir, "ha-perf")) {
      PartitionRecord r = HostProcess.partition(store, "ha", args[1]);
      store.policies().changeHsm(Policy.ALLOW_NETWORK_REPLICATION.code(), 1);
      Partitions.identityFile(r).write(dir.resolve(IDENTITY_FILE));
      try (PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
          CryptoProviders.tuned())) {
        System.out.println("READY " + host.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
          // the parent only ever says quit
        }
      }
    }
  }
}
