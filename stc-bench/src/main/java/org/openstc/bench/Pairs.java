package org.openstc.bench;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.PartitionResolver;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.Frame;

/**
 * A client identity and a partition (identity, registration, policy) in memory, for benchmarks:
 * {@link #handshake()} runs OPEN..ACTIVATE frame by frame with fresh ephemeral keys, no I/O.
 */
final class Pairs {
  static final long SERIAL = 154438865304L;

  private final CryptoProvider provider;
  private final Suite suite;
  private final InMemoryStaticKey clientKey;
  private final InMemoryStaticKey partitionKey;
  private final PartitionResolver resolver;

  Pairs(Suite suite, ChannelPolicy policy) throws GeneralSecurityException {
    this(CryptoProviders.tuned(), suite, policy);
  }

  Pairs(CryptoProvider provider, Suite suite, ChannelPolicy policy)
      throws GeneralSecurityException {
    this.provider = provider;
    this.suite = suite;
    this.clientKey = InMemoryStaticKey.generate(suite.keyType(), provider);
    this.partitionKey = InMemoryStaticKey.generate(suite.keyType(), provider);
    InMemoryPeerRegistry registry = new InMemoryPeerRegistry()
        .register("bench-client", clientKey.identity());
    PartitionEndpoint endpoint = new PartitionEndpoint(SERIAL, partitionKey, registry, policy);
    this.resolver = serial -> serial == SERIAL ? Optional.of(endpoint) : Optional.empty();
  }

  /** A full handshake; returns {client channel, partition channel}. */
  StcChannel[] handshake() throws StcException {
    ClientHandshake client = new ClientHandshake(provider, clientKey, SERIAL,
        partitionKey.identity(), List.of(suite));
    PartitionHandshake partition = new PartitionHandshake(provider, resolver, System.nanoTime(),
        ChannelPolicy.DEFAULT_ACTIVATION_TIMEOUT_SECONDS);
    byte[] toPartition = client.start();
    while (!client.isActive()) {
      byte[] toClient = partition.onFrame(Frame.decode(toPartition));
      toPartition = client.onFrame(Frame.decode(toClient));
      if (toPartition == null && !client.isActive()) {
        throw new IllegalStateException("handshake stalled");
      }
    }
    if (!partition.isActive()) {
      throw new IllegalStateException("partition not active");
    }
    return new StcChannel[] {client.channel(), partition.channel()};
  }
}
