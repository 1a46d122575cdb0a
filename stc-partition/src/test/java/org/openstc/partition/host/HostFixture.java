package org.openstc.partition.host;

import org.openstc.partition.store.TestHost;
import java.net.Socket;
import java.nio.file.Path;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;

/**
 * A running {@link PartitionHost} on a fresh store with one x25519 partition {@code par1} and one
 * registered client {@code client1}, for tests that drive it over real sockets.
 */
final class HostFixture implements AutoCloseable {
  final HostStore store;
  final PartitionHost host;
  final long serial;
  final PeerIdentity partitionId;
  final InMemoryStaticKey client;

  HostFixture(Path home) throws Exception {
    store = TestHost.open(home, new PinHasher(64, 1));
    var record = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    serial = record.serial();
    partitionId = Partitions.identity(record);
    client = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
    store.registrations().register(serial, "client1", client.identity());
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
        CryptoProviders.jca());
  }

  /** A fresh client handshake of {@code client1} with {@code par1}. */
  ClientHandshake handshake() throws Exception {
    return new ClientHandshake(CryptoProviders.jca(), client, serial, partitionId);
  }

  /** A socket to the host with a 10 s read timeout. */
  Socket socket() throws Exception {
    Socket s = new Socket("127.0.0.1", host.port());
    s.setSoTimeout(10_000);
    return s;
  }

  /** An active channel of {@code client1} to {@code par1}. */
  StcConnection connect() throws Exception {
    Socket s = socket();
    return StcConnection.connect(Transport.of(s), handshake());
  }

  @Override
  public void close() {
    host.close();
    store.close();
  }
}
