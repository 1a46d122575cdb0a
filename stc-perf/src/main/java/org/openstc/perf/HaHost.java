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
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.Policy;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

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
    PeerIdentity client = PeerIdentity.of(KeyType.X25519, HexFormat.of().parseHex(args[1]));
    try (HostStore store = HostStore.create(dir.resolve("host"), "ha-perf",
        java.util.UUID.randomUUID().toString().toCharArray(), new PinHasher(64, 1), false)) {
      PartitionRecord r = store.partitions().create("ha", 1 << 20, KeyType.X25519);
      store.updatePolicy(r.serial(),
          p -> p.toBuilder().maxSessions(ChannelPolicy.MAX_MAX_SESSIONS).build());
      store.registrations().register(r.serial(), "client", client);
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
