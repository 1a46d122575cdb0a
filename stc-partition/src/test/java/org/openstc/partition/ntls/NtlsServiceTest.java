package org.openstc.partition.ntls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.LinkBodies;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;
import org.openstc.partition.store.HostStore;
import org.openstc.stc.KeyType;

/**
 * {@code service restart ntls}: a request in the store (from any process) restarts NTLS on the
 * same port within 1 s; bound links get the closing notice and reconnect; the restarted service
 * uses the certificate and settings stored now.
 */
class NtlsServiceTest {
  @TempDir Path dir;
  private HostStore store;
  private NtlsService service;
  private long serial;
  private TlsCertificates.Issued client;
  private final AtomicInteger changes = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong(1);

  @BeforeEach
  void start() throws Exception {
    store = NtlsServerTest.host(dir);
    serial = store.partitions().create("par1", 100_000, KeyType.X25519).serial();
    saveHostCertificate();
    client = TlsCertificates.selfSigned("client1", KeyAlgorithm.ECDSA_P256);
    store.ntls().register("client1", "", "127.0.0.1", client.certificate().getEncoded());
    store.ntls().assign("client1", "par1");
    store.ntls().requestRestart(); // made before the start: not replayed
    service = NtlsService.start(store, 0,
        port -> NtlsServer.start(store, port, NtlsServer.policy37(store)),
        s -> changes.incrementAndGet());
  }

  @AfterEach
  void stop() {
    service.close();
    store.close();
  }

  private byte[] saveHostCertificate() throws Exception {
    TlsCertificates.Issued c = TlsCertificates.selfSigned("host", KeyAlgorithm.ECDSA_P256);
    store.ntlsServerKey().save(c.certificate().getEncoded(), c.key().getEncoded());
    return c.certificate().getEncoded();
  }

  private CommandRequest bind() {
    return new CommandRequest(ids.getAndIncrement(), LinkBodies.LINK_BIND,
        LinkBodies.encodeBind(serial));
  }

  @Test
  void aRestartRequestEndsLinksAndServesAgainOnTheSamePortWithTheNewCertificate() throws Exception {
    int port = service.server().port();
    assertEquals(1, service.restartsApplied());
    byte[] newCert;
    try (TlsTestClient c = TlsTestClient.connect(port, client, "127.0.0.1")) {
      c.call(bind()).bodyOrThrow();
      newCert = saveHostCertificate(); // sysconf regenCert: applies at the restart
      long t0 = System.nanoTime();
      assertEquals(2, store.ntls().requestRestart());
      CommandResponse notice = c.read();
      assertEquals(LinkBodies.CLOSING_NOTICE_ID, notice.requestId());
      assertEquals(CkResult.CKR_DEVICE_ERROR, notice.result());
      assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "restarted within 1 s");
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (service.restartsApplied() != 2 && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // poll with a deadline
    }
    assertEquals(2, service.restartsApplied());
    assertEquals(port, service.server().port());
    try (TlsTestClient c = TlsTestClient.connect(port, client, "127.0.0.1")) {
      assertEquals(CkResult.CKR_OK, c.call(bind()).result());
      assertNotNull(c.serverCertificate());
      assertTrue(java.util.Arrays.equals(newCert, c.serverCertificate().getEncoded()),
          "the restarted service presents the regenerated certificate");
    }
    assertTrue(changes.get() >= 2, "the caller heard of the start and the restart");
  }

  @Test
  void aRestartThatCannotStartReportsWhyAndTheNextRequestRecovers() throws Exception {
    store.ntls().updateSettings(s -> s.withBind("192.0.2.1")); // not an address of this machine
    store.ntls().requestRestart();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (service.lastFailure() == null && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // poll with a deadline
    }
    assertNotNull(service.lastFailure(), "the failed restart is reported");
    store.ntls().updateSettings(s -> s.withBind("127.0.0.1"));
    long wanted = store.ntls().requestRestart();
    while (service.restartsApplied() != wanted && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
    }
    assertEquals(null, service.lastFailure());
    try (TlsTestClient c = TlsTestClient.connect(service.server().port(), client, "127.0.0.1")) {
      assertEquals(CkResult.CKR_OK, c.call(bind()).result());
    }
  }
}
