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
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;

/**
 * docs/protocol.md 29/33 (issue 11 §4, issue 12 §6): re-initializing a partition answers the
 * PARTITION_INIT, then closes every channel of the partition with ALERT CKR_STC_SESSION_INVALID;
 * deleting it closes every channel with ALERT CKR_STC_CONTAINER_INVALID; a client's ALERT ends
 * the channel without an answer (18.2).
 */
class PartitionLifetimeTest {
  private static final byte[] SO_PIN = "so-pin-123".getBytes(StandardCharsets.US_ASCII);
  @TempDir Path home;
  private HostFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new HostFixture(home);
  }

  @AfterEach
  void stop() {
    f.close();
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
    assertEquals("second", f.store.partitions().get("par1").label());
  }

  @Test
  void deletionClosesEveryChannel() throws Exception {
    try (StcConnection a = connect(); StcConnection b = connect()) {
      assertOk(a.call(Requests.echo(1, new byte[] {1}).encode()));
      f.store.partitions().delete("par1");
      assertClosedWith(StcError.CKR_STC_CONTAINER_INVALID, a);
      assertClosedWith(StcError.CKR_STC_CONTAINER_INVALID, b);
    }
  }

  @Test
  void aPeersAlertIsNotAnswered() throws Exception {
    try (Socket s = f.socket()) {
      StcConnection conn = StcConnection.connect(Transport.of(s),
          f.handshake());
      assertOk(conn.call(Requests.echo(1, new byte[] {1}).encode()));
      s.getOutputStream().write(conn.channel().alert(StcError.CKR_STC_RESPONSE_REPLAYED, ""));
      assertEquals(-1, s.getInputStream().read(), "the host answered the client's ALERT");
    }
  }

  private StcConnection connect() throws Exception {
    return f.connect();
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
