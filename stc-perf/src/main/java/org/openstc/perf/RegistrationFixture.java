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
 * Figure f: one partition host (real HostStore on LMDB in a temporary directory) with two X25519
 * partitions, one holding 10 registrations and one holding {@code large}; the benchmark client is
 * registered on both, the others are random X25519 public keys.
 */
final class RegistrationFixture implements Closeable {
  final Path home;
  final HostStore store;
  final PartitionHost host;
  final Target small;
  final Target large;

  RegistrationFixture(int largeCount) throws Exception {
    home = Files.createTempDirectory("stc-perf-reg");
    store = HostStore.open(home.resolve("host"), new PinHasher(64, 1), false);
    StcFixture.Part a = StcFixture.createPartition(store, "reg10", KeyType.X25519, 1 << 20, "bench");
    long size = (long) (largeCount + 1) * PartitionInfo.REGISTRATION_BYTES + (1 << 20);
    StcFixture.Part b = StcFixture.createPartition(store, "reglarge", KeyType.X25519, size, "bench");
    register(a.serial(), 9);
    long t0 = System.nanoTime();
    register(b.serial(), largeCount - 1);
    System.err.printf("  f: %d registrations written in %.1f s%n", largeCount,
        (System.nanoTime() - t0) / 1e9);
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0), CryptoProviders.jca());
    Suite s = Suite.X25519_AESGCM_SHA256;
    small = Target.stc("STC 10 reg", host.port(), a.serial(), a.identity(), a.client(), s, true);
    large = Target.stc("STC " + largeCount + " reg", host.port(), b.serial(), b.identity(),
        b.client(), s, true);
  }

  private void register(long serial, int n) throws Exception {
    SecureRandom rnd = new SecureRandom();
    byte[] pub = new byte[32];
    for (int i = 0; i < n; i++) {
      rnd.nextBytes(pub);
      store.registrations().register(serial, "c" + i, PeerIdentity.of(KeyType.X25519, pub));
    }
  }

  @Override
  public void close() throws IOException {
    host.close();
    store.close();
    StcFixture.deleteTree(home);
  }
}
