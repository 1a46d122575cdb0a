package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StcError;

/** The caps {@link Sessions#handshaking} puts on connections past OPEN that have not activated. */
class OpenedHandshakesTest {
  private final Sessions sessions = new Sessions();
  private final HandshakeLimits limits = HandshakeLimits.defaults().withMaxOpened(5, 2);
  /** The channels told to close, in order. */
  private final List<Channel> closed = new ArrayList<>();

  private static PeerIdentity identity() throws Exception {
    return InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca()).identity();
  }

  private Refusal open(Channel ch, long serial, PeerIdentity client) {
    return sessions.handshaking(ch, serial, client, (error, reason) -> {
      assertEquals(StcError.CKR_STC_TOO_MANY_CHANNELS, error);
      closed.add(ch);
    }, limits);
  }

  @Test
  void overThePerClientCapTheOldestHandshakeOfThatClientIsClosed() throws Exception {
    PeerIdentity client = identity();
    PeerIdentity other = identity();
    Channel a = new EmbeddedChannel();
    Channel b = new EmbeddedChannel();
    Channel c = new EmbeddedChannel();
    assertNull(open(new EmbeddedChannel(), 1, other));
    assertNull(open(a, 1, client));
    assertNull(open(b, 1, client));
    assertNull(open(c, 1, client), "the newest is kept");
    assertEquals(List.of(a), closed, "the oldest of the same client made room");
    assertEquals(3, sessions.handshaking(1));
    assertNull(open(new EmbeddedChannel(), 2, client), "another partition has its own count");
  }

  @Test
  void overThePerPartitionCapANewOpenIsRefusedAndNothingIsClosed() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertNull(open(new EmbeddedChannel(), 1, identity()));
    }
    Refusal r = open(new EmbeddedChannel(), 1, identity());
    assertNotNull(r);
    assertEquals("limit: opened handshakes per partition", r.kind);
    assertEquals(StcError.CKR_STC_TOO_MANY_CHANNELS, r.reject.error());
    assertEquals(List.of(), closed);
  }

  @Test
  void aHandshakeThatActivatesOrClosesFreesItsPlace() throws Exception {
    PeerIdentity client = identity();
    Channel a = new EmbeddedChannel();
    Channel b = new EmbeddedChannel();
    open(a, 1, client);
    open(b, 1, client);
    sessions.activated(a, 1, client, null);
    sessions.deactivated(b);
    assertEquals(0, sessions.handshaking(1));
    assertNull(open(new EmbeddedChannel(), 1, client));
    assertNull(open(new EmbeddedChannel(), 1, client));
    assertEquals(List.of(), closed);
  }
}
