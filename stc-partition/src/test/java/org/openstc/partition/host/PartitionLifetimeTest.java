package org.openstc.partition.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandResponse;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.io.StcConnection;

/**
 * docs/protocol.md 29/33 (issue 11 §4, issue 12 §6): re-initializing a partition answers the
 * PARTITION_INIT, then closes every channel of the partition with ALERT CKR_STC_SESSION_INVALID;
 * deleting it closes every channel with ALERT CKR_STC_CONTAINER_INVALID; a client's ALERT ends
 * the channel without an answer (18.2).
 */
class PartitionLifetimeTest {
  private static final byte[] SO_PIN = "so-pin-123".getBytes(StandardCharsets.US_ASCII);
  @TempDir Path home;
  private HostStore store;
  private PartitionHost host;
  private long serial;
  private PeerIdentity partitionId;
  private InMemoryStaticKey client;

  @BeforeEach
  void start() throws Exception {
    store = HostStore.open(home, new PinHasher(64, 1));
    var record = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    serial = record.serial();
    partitionId = Partitions.identity(record);
    client = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
    store.registrations().register(serial, "client1", client.identity());
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
        CryptoProviders.jca());
  }

  @AfterEach
  void stop() {
    host.close();
    store.close();
  }

  @Test
  void reinitializationAnswersThenClosesEveryChannel() throws Exception {
    try (StcConnection caller = connect(); StcConnection other = connect()) {
      assertOk(caller.call(Requests.partitionInit(1, "first", SO_PIN).encode()));
      assertOk(caller.call(Requests.login(2, Role.PO, SO_PIN).encode()));
      assertOk(other.call(Requests.echo(3, new byte[] {1}).encode()));
      assertOk(caller.call(Requests.partitionInit(4, "second", SO_PIN).encode()));
      assertClosedWith(StcError.CKR_STC_SESSION_INVALID, caller);
      assertClosedWith(StcError.CKR_STC_SESSION_INVALID, other);
    }
    assertEquals("second", store.partitions().get("par1").label());
  }

  @Test
  void deletionClosesEveryChannel() throws Exception {
    try (StcConnection a = connect(); StcConnection b = connect()) {
      assertOk(a.call(Requests.echo(1, new byte[] {1}).encode()));
      store.partitions().delete("par1");
      assertClosedWith(StcError.CKR_STC_CONTAINER_INVALID, a);
      assertClosedWith(StcError.CKR_STC_CONTAINER_INVALID, b);
    }
  }

  @Test
  void aPeersAlertIsNotAnswered() throws Exception {
    try (Socket s = new Socket("127.0.0.1", host.port())) {
      s.setSoTimeout(10_000);
      StcConnection conn = StcConnection.connect(s.getInputStream(), s.getOutputStream(), s,
          new ClientHandshake(CryptoProviders.jca(), client, serial, partitionId));
      assertOk(conn.call(Requests.echo(1, new byte[] {1}).encode()));
      s.getOutputStream().write(conn.channel().alert(StcError.CKR_STC_RESPONSE_REPLAYED, ""));
      assertEquals(-1, s.getInputStream().read(), "the host answered the client's ALERT");
    }
  }

  private StcConnection connect() throws Exception {
    Socket s = new Socket("127.0.0.1", host.port());
    s.setSoTimeout(10_000);
    return StcConnection.connect(s.getInputStream(), s.getOutputStream(), s,
        new ClientHandshake(CryptoProviders.jca(), client, serial, partitionId));
  }

  private static void assertOk(byte[] response) throws Exception {
    CommandResponse r = CommandResponse.decode(response);
    assertEquals(CkResult.CKR_OK, r.result(), r.toString());
  }

  private static void assertClosedWith(StcError expected, StcConnection conn) {
    StcException e = assertThrows(StcException.class, conn::receive);
    assertEquals(expected, e.error(), e.getMessage());
  }
}
