package org.openstc.stc;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import org.openstc.crypto.CryptoProvider;
import org.openstc.stc.wire.Frame;

/** A client and a partition in memory, wired frame by frame without I/O. */
final class Fixture {
  static final long SERIAL = 154438865304L;

  final CryptoProvider provider;
  final InMemoryStaticKey clientKey;
  final InMemoryStaticKey partitionKey;
  final InMemoryPeerRegistry registry = new InMemoryPeerRegistry();
  ChannelPolicy policy;

  Fixture(CryptoProvider provider, KeyType keyType, ChannelPolicy policy)
      throws GeneralSecurityException {
    this.provider = provider;
    this.clientKey = InMemoryStaticKey.generate(keyType, provider);
    this.partitionKey = InMemoryStaticKey.generate(keyType, provider);
    this.policy = policy;
    registry.register("client1", clientKey.identity());
  }

  PartitionResolver resolver() {
    return serial -> serial == SERIAL
        ? Optional.of(new PartitionEndpoint(SERIAL, partitionKey, registry, policy))
        : Optional.empty();
  }

  ClientHandshake client(List<Suite> offer) throws StcException {
    return new ClientHandshake(provider, clientKey, SERIAL, partitionKey.identity(), offer);
  }

  PartitionHandshake partition() {
    return new PartitionHandshake(provider, resolver(), System.nanoTime(), 60);
  }

  /** Runs a whole handshake and returns {client channel, partition channel}. */
  StcChannel[] connect(List<Suite> offer) throws StcException {
    ClientHandshake c = client(offer);
    PartitionHandshake p = partition();
    byte[] toPartition = c.start();
    while (!c.isActive()) {
      byte[] toClient = p.onFrame(Frame.decode(toPartition));
      toPartition = c.onFrame(Frame.decode(toClient));
      if (toPartition == null && !c.isActive()) {
        throw new AssertionError("handshake stalled");
      }
    }
    return new StcChannel[] {c.channel(), p.channel()};
  }

  StcChannel[] connect() throws StcException {
    return connect(Suite.defaultOffer(clientKey.keyType()));
  }
}
