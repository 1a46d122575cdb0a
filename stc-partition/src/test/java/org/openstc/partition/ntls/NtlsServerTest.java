package org.openstc.partition.ntls;

import org.openstc.partition.store.TestHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.LinkBodies;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Requests;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.KeyType;

/** The NTLS service in process: acceptance by pinned certificate and address, the session layer. */
class NtlsServerTest {
  @TempDir Path dir;
  private HostStore store;
  private NtlsServer server;
  private long serial;
  private long other;
  private TlsCertificates.Issued client;
  private final AtomicLong forced = new AtomicLong(-1);
  private final AtomicLong ids = new AtomicLong(1);

  @BeforeEach
  void start() throws Exception {
    store = host(dir);
    serial = store.partitions().create("par1", 100_000, KeyType.X25519).serial();
    other = store.partitions().create("par2", 100_000, KeyType.X25519).serial();
    client = registerClient1(store);
    server = NtlsServer.start(store, 0, s -> s == forced.get());
  }

  /**
   * Gives the host its server certificate and registers "client1" at 127.0.0.1 with partition
   * "par1" assigned; returns the client's certificate and key.
   */
  static TlsCertificates.Issued registerClient1(HostStore store) throws Exception {
    TlsCertificates.Issued hostCert = TlsCertificates.selfSigned("host", KeyAlgorithm.ECDSA_P256);
    store.ntlsServerKey().save(hostCert.certificate().getEncoded(), hostCert.key().getEncoded());
    TlsCertificates.Issued client = TlsCertificates.selfSigned("client1", KeyAlgorithm.ECDSA_P256);
    store.ntls().register("client1", "", "127.0.0.1", client.certificate().getEncoded());
    store.ntls().assign("client1", "par1");
    return client;
  }

  /** The one place a host is created here. */
  static HostStore host(Path dir) throws Exception {
    return TestHost.open(dir.resolve("host"), new PinHasher(64, 1), false);
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private CommandRequest request(int opcode, byte[] body) {
    return new CommandRequest(ids.getAndIncrement(), opcode, body);
  }

  @Test
  void listsOnlyAssignedPartitionsAndRunsCommandsOnceBound() throws Exception {
    try (TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1")) {
      CommandResponse before = c.call(Requests.partitionInfo(ids.getAndIncrement()));
      assertEquals(CkResult.CKR_OPERATION_NOT_INITIALIZED, before.result());
      List<LinkBodies.Assigned> list = LinkBodies.decodeList(
          c.call(request(LinkBodies.LINK_LIST, new byte[0])).bodyOrThrow());
      assertEquals(List.of(new LinkBodies.Assigned(serial, "par1", "par1")), list);
      assertEquals(CkResult.CKR_SLOT_ID_INVALID,
          c.call(request(LinkBodies.LINK_BIND, LinkBodies.encodeBind(other))).result());
      assertEquals(CkResult.CKR_OK,
          c.call(request(LinkBodies.LINK_BIND, LinkBodies.encodeBind(serial))).result());
      PartitionInfo info = PartitionInfo.decode(
          c.call(Requests.partitionInfo(ids.getAndIncrement())).bodyOrThrow());
      assertEquals(serial, info.serial());
      assertEquals(CkResult.CKR_FUNCTION_NOT_SUPPORTED,
          c.call(request(LinkBodies.LINK_LIST, new byte[0])).result());
    }
  }

  @Test
  void refusesUnregisteredOrMissingCertificateAndWrongAddress() throws Exception {
    TlsCertificates.Issued stranger = TlsCertificates.selfSigned("client1", KeyAlgorithm.ECDSA_P256);
    assertRefused(stranger, "127.0.0.1");
    assertRefused(null, "127.0.0.1");
    assertRefused(client, "127.0.0.2"); // registered at 127.0.0.1, ipcheck on
    store.ntls().mapIp("client1", "127.0.0.2");
    try (TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.2")) {
      assertEquals(CkResult.CKR_OK, c.call(request(LinkBodies.LINK_LIST, new byte[0])).result());
    }
  }

  private void assertRefused(TlsCertificates.Issued cert, String from) {
    assertThrows(IOException.class, () -> {
      try (TlsTestClient c = TlsTestClient.connect(server.port(), cert, from)) {
        c.call(request(LinkBodies.LINK_LIST, new byte[0])); // TLS 1.3: the alert comes here
      }
    });
  }

  @Test
  void revokeAndDeleteEndBoundLinksWithAClosingNotice() throws Exception {
    try (TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1")) {
      c.call(request(LinkBodies.LINK_BIND, LinkBodies.encodeBind(serial))).bodyOrThrow();
      long t0 = System.nanoTime();
      store.ntls().revoke("client1", "par1");
      CommandResponse notice = c.read();
      assertEquals(LinkBodies.CLOSING_NOTICE_ID, notice.requestId());
      assertEquals(CkResult.CKR_SLOT_ID_INVALID, notice.result());
      assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "dropped within 1 s");
    }
    store.ntls().assign("client1", "par2");
    try (TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1")) {
      c.call(request(LinkBodies.LINK_BIND, LinkBodies.encodeBind(other))).bodyOrThrow();
      store.ntls().delete("client1");
      assertEquals(CkResult.CKR_ACTION_PROHIBITED, c.read().result());
    }
    assertRefused(client, "127.0.0.1");
  }

  @Test
  void aPartitionThatForcesStcRefusesTheBind() throws Exception {
    forced.set(serial);
    try (TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1")) {
      assertEquals(CkResult.CKR_ACTION_PROHIBITED,
          c.call(request(LinkBodies.LINK_BIND, LinkBodies.encodeBind(serial))).result());
    }
  }

  @Test
  void partitionPolicy37RefusesTheBindAndEndsBoundLinksWhenItIsTurnedOn() throws Exception {
    server.close();
    server = NtlsServer.start(store, 0, NtlsServer.policy37(store));
    try (TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1")) {
      c.call(request(LinkBodies.LINK_BIND, LinkBodies.encodeBind(serial))).bodyOrThrow();
      long t0 = System.nanoTime();
      store.policies().changePartition(serial, 37, 1);
      CommandResponse notice = c.read();
      assertEquals(LinkBodies.CLOSING_NOTICE_ID, notice.requestId());
      assertEquals(CkResult.CKR_ACTION_PROHIBITED, notice.result());
      assertTrue(notice.message().contains("policy 37"), notice.message());
      assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "dropped within 1 s");
    }
    try (TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1")) {
      CommandResponse refused = c.call(request(LinkBodies.LINK_BIND, LinkBodies.encodeBind(serial)));
      assertEquals(CkResult.CKR_ACTION_PROHIBITED, refused.result());
      assertTrue(refused.message().contains("requires STC"), refused.message());
    }
    store.policies().changePartition(serial, 37, 0);
    try (TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1")) {
      assertEquals(CkResult.CKR_OK,
          c.call(request(LinkBodies.LINK_BIND, LinkBodies.encodeBind(serial))).result());
    }
  }

  @Test
  void plaintextIsClosedAndOthersAreStillServed() throws Exception {
    try (Socket raw = new Socket("127.0.0.1", server.port())) {
      raw.setSoTimeout(10_000);
      raw.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes());
      InputStream in = raw.getInputStream();
      while (in.read() >= 0) {
        // Whatever the host sends (an alert), the connection must end.
      }
    }
    try (TlsTestClient c = TlsTestClient.connect(server.port(), client, "127.0.0.1")) {
      assertEquals(CkResult.CKR_OK, c.call(request(LinkBodies.LINK_LIST, new byte[0])).result());
    }
  }
}
