package org.openstc.stc.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.testing.FixedEphemeralProvider;

/**
 * Reproducible transcripts with RETRY: a client whose provider fixes its ephemeral key (the test
 * vectors' {@link FixedEphemeralProvider}) sends the same second OPEN every time instead of failing,
 * and the partition accepts it.
 */
class FixedEphemeralRetryTest {
  private static final byte[] CLIENT_E = new byte[32];
  private static final byte[] PARTITION_E = new byte[32];

  static {
    CLIENT_E[0] = 7;
    PARTITION_E[0] = 9;
  }

  @Test
  void aClientWithAFixedEphemeralFollowsRetryReproducibly() throws Exception {
    CryptoProvider p = CryptoProviders.jca();
    InMemoryStaticKey client = InMemoryStaticKey.generate(KeyType.X25519, p);
    InMemoryStaticKey partition = InMemoryStaticKey.generate(KeyType.X25519, p);
    byte[] first = secondOpen(p, client, partition);
    byte[] again = secondOpen(p, client, partition);
    assertArrayEquals(first, again, "the second OPEN is not reproducible");
    PartitionHandshake h = partition(p, client, partition);
    h.onFrame(Frame.decode(client(p, client, partition).start()));
    assertEquals(FrameType.OPEN_RESPONSE, Frame.decode(h.onFrame(Frame.decode(first))).type());
  }

  private static byte[] secondOpen(CryptoProvider p, InMemoryStaticKey client,
      InMemoryStaticKey partition) throws Exception {
    ClientHandshake c = client(p, client, partition);
    PartitionHandshake h = partition(p, client, partition);
    byte[] retry = h.onFrame(Frame.decode(c.start()));
    assertEquals(FrameType.RETRY, Frame.decode(retry).type());
    return c.onFrame(Frame.decode(retry));
  }

  private static ClientHandshake client(CryptoProvider p, InMemoryStaticKey client,
      InMemoryStaticKey partition) throws Exception {
    return new ClientHandshake(FixedEphemeralProvider.of(p, KeyType.X25519.noiseDh(), CLIENT_E),
        client, 1L, partition.identity(),
        List.of(Suite.X25519_AESGCM_SHA256, Suite.X25519_CHACHAPOLY_SHA256));
  }

  private static PartitionHandshake partition(CryptoProvider p, InMemoryStaticKey client,
      InMemoryStaticKey partition) throws Exception {
    ChannelPolicy chachaOnly = ChannelPolicy.builder()
        .ciphers(EnumSet.of(ChannelPolicy.Cipher.ChaChaPoly)).build();
    InMemoryPeerRegistry registry = new InMemoryPeerRegistry().register("c", client.identity());
    return new PartitionHandshake(FixedEphemeralProvider.of(p, KeyType.X25519.noiseDh(),
        PARTITION_E), serial -> Optional.of(new PartitionEndpoint(serial, partition, registry,
        chachaOnly)), 0L, 60);
  }
}
