package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.StcClientException.Kind;
import org.openstc.crypto.CryptoProviders;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;
import org.openstc.partition.host.PartitionHost;
import org.openstc.partition.ntls.NtlsServer;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.stc.KeyType;

/**
 * STC inside TLS (docs/protocol.md section 37a): the channel works unchanged inside a TLS
 * connection that trusts only the host's certificate, the partition serial no longer crosses the
 * network in clear, and each mismatch between client and host is refused with its reason.
 */
class StcInsideTlsTest {
  @TempDir Path dir;
  private HostStore store;
  private PartitionHost tlsHost;
  private PartitionRecord partition;
  private TlsCertificates.Issued hostCert;
  private Path home;

  @BeforeEach
  void start() throws Exception {
    store = LinkSetup.store(dir);
    partition = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    hostCert = TlsCertificates.selfSigned("host", KeyAlgorithm.ECDSA_P256);
    store.ntlsServerKey().save(hostCert.certificate().getEncoded(), hostCert.key().getEncoded());
    tlsHost = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0)
        .withTls(NtlsServer.stcInsideTls(store)), CryptoProviders.jca());
    home = dir.resolve("client");
    LinkSetup.client(home, store, partition);
  }

  @AfterEach
  void stop() {
    tlsHost.close();
    store.close();
  }

  private byte[] hostPem() throws Exception {
    return TlsCertificates.pem(hostCert.certificate().getEncoded())
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Adds {@code port} on 127.0.0.1 and enables STC to it; returns the outcome for par1. */
  private String enable(StcClient c, int port) throws Exception {
    return c.enableServer(c.config().addServer("127.0.0.1", port, null).id())
        .get(partition.serial());
  }

  @Test
  void theChannelRunsInsideTlsAndTheSerialIsNotSeenOnTheWire() throws Exception {
    StcTls.save(home, "127.0.0.1", hostPem());
    try (WireTap tap = new WireTap(tlsHost.port()); StcClient c = StcClient.open(home, null)) {
      assertEquals("slot 0 (link up)", enable(c, tap.port()));
      try (Slot slot = c.openSlot(0)) {
        assertArrayEquals(new byte[] {7, 7}, slot.echo(new byte[] {7, 7}));
      }
      assertTrue(tap.seen().length > 100, "bytes went through the tap");
      assertFalse(tap.contains(partition.serial()), "the OPEN prologue's serial is hidden");
    }
  }

  @Test
  void aPlainStcPeerSeesItsSerialOnTheWire() throws Exception {
    // The control of the test above: without TLS the same tap finds the serial in OPEN.
    try (PartitionHost plain = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
            CryptoProviders.jca());
        WireTap tap = new WireTap(plain.port()); StcClient c = StcClient.open(home, null)) {
      assertEquals("slot 0 (link up)", enable(c, tap.port()));
      assertTrue(tap.contains(partition.serial()));
    }
  }

  @Test
  void anotherCertificateIsRefusedAsTheWrongHost() throws Exception {
    StcTls.save(home, "127.0.0.1", TlsCertificates.pem(TlsCertificates.selfSigned("host",
        KeyAlgorithm.ECDSA_P256).certificate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
    try (StcClient c = StcClient.open(home, null)) {
      enable(c, tlsHost.port());
      StcClientException e = assertThrows(StcClientException.class, () -> c.openSlot(0));
      assertEquals(Kind.PARTITION_AUTH_FAILED, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("other than the one added"), e.getMessage());
    }
  }

  @Test
  void aPlainClientIsRefusedAndTheHostCountsTheFailedTlsHandshake() throws Exception {
    try (StcClient c = StcClient.open(home, null)) {
      String outcome = enable(c, tlsHost.port());
      assertTrue(outcome.contains("link down"), outcome);
      assertThrows(StcClientException.class, () -> c.openSlot(0));
    }
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!tlsHost.server().handshakeFailures().containsKey("tls: handshake failed")
        && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // poll with a deadline
    }
    assertTrue(tlsHost.server().handshakeFailures().get("tls: handshake failed") >= 1,
        tlsHost.server().handshakeFailures().toString());
  }

  @Test
  void aTlsClientToAPlainHostIsToldTheHostDoesNotRunStcInsideTls() throws Exception {
    StcTls.save(home, "127.0.0.1", hostPem());
    try (PartitionHost plain = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
            CryptoProviders.jca());
        StcClient c = StcClient.open(home, null)) {
      enable(c, plain.port());
      StcClientException e = assertThrows(StcClientException.class, () -> c.openSlot(0));
      assertEquals(Kind.CHANNEL, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("does not run STC inside TLS"), e.getMessage());
    }
  }
}
