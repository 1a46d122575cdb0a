package org.openstc.perf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.openstc.command.PartitionInfo;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.Suite;

/**
 * Figure f: two partition hosts, each on its own HostStore (LMDB in a temporary directory), so
 * that the registration index of one holds 10 entries and the other's {@code large}: the
 * benchmark client is registered on both, the others are random X25519 public keys.
 */
final class RegistrationFixture implements Closeable {
  private final Host smallHost;
  private final Host largeHost;
  final Target small;
  final Target large;

  private record Host(Path home, HostStore store, PartitionHost host) {}

  RegistrationFixture(int largeCount) throws Exception {
    Suite s = Suite.X25519_AESGCM_SHA256;
    smallHost = open("stc-perf-reg10");
    StcFixture.Part a = StcFixture.createPartition(smallHost.store(), "reg10", KeyType.X25519,
        1 << 20, "bench");
    register(smallHost.store(), a.serial(), 9);
    small = Target.stc("STC 10 reg", smallHost.host().port(), a.serial(), a.identity(),
        a.client(), s, true);

    largeHost = open("stc-perf-reglarge");
    long size = (long) (largeCount + 1) * PartitionInfo.REGISTRATION_BYTES + (1 << 20);
    StcFixture.Part b = StcFixture.createPartition(largeHost.store(), "reglarge", KeyType.X25519,
        size, "bench");
    long t0 = System.nanoTime();
    register(largeHost.store(), b.serial(), largeCount - 1);
    System.err.printf("  f: %d registrations written in %.1f s%n", largeCount,
        (System.nanoTime() - t0) / 1e9);
    large = Target.stc("STC " + largeCount + " reg", largeHost.host().port(), b.serial(),
        b.identity(), b.client(), s, true);
  }

  private static Host open(String prefix) throws Exception {
    Path home = Files.createTempDirectory(prefix);
    HostStore store = HostStore.create(home.resolve("host"), "perf",
        java.util.UUID.randomUUID().toString().toCharArray(), new PinHasher(64, 1), false);
    PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
        CryptoProviders.jca());
    return new Host(home, store, host);
  }

  private static void register(HostStore store, long serial, int n) throws Exception {
    SecureRandom rnd = new SecureRandom();
    byte[] pub = new byte[32];
    for (int i = 0; i < n; i++) {
      rnd.nextBytes(pub);
      store.registrations().register(serial, "c" + i, PeerIdentity.of(KeyType.X25519, pub));
    }
  }

  @Override
  public void close() throws IOException {
    for (Host h : new Host[] {smallHost, largeHost}) {
      if (h != null) {
        h.host().close();
        h.store().close();
        StcFixture.deleteTree(h.home());
      }
    }
  }
}
