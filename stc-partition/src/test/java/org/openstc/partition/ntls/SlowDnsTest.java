package org.openstc.partition.ntls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.LinkBodies;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;
import org.openstc.partition.store.HostStore;

/**
 * A client registered by host name whose lookup hangs (a slow DNS) must not stall the links that
 * are already up: the lookup runs on a TLS task thread, not on the event loop.
 */
class SlowDnsTest {
  private static final String SLOW = "slow.example";

  @TempDir Path dir;
  private HostStore store;
  private NtlsServer server;
  private TlsCertificates.Issued fast;
  private TlsCertificates.Issued slow;
  private final CountDownLatch lookingUp = new CountDownLatch(1);
  private final CountDownLatch answer = new CountDownLatch(1);
  private final AtomicLong ids = new AtomicLong(1);

  @BeforeEach
  void start() throws Exception {
    store = NtlsServerTest.host(dir);
    TlsCertificates.Issued hostCert = TlsCertificates.selfSigned("host", KeyAlgorithm.ECDSA_P256);
    store.ntlsServerKey().save(hostCert.certificate().getEncoded(), hostCert.key().getEncoded());
    fast = TlsCertificates.selfSigned("fast", KeyAlgorithm.ECDSA_P256);
    slow = TlsCertificates.selfSigned("slow", KeyAlgorithm.ECDSA_P256);
    store.ntls().register("fast", "", "127.0.0.1", fast.certificate().getEncoded());
    store.ntls().register("slow", SLOW, "", slow.certificate().getEncoded());
    server = NtlsServer.start(store, 0, NtlsServer.NO_PARTITION_FORCES_STC, name -> false,
        this::resolve);
  }

  @AfterEach
  void stop() {
    answer.countDown();
    server.close();
    store.close();
  }

  /** Hangs on {@value #SLOW} until the test answers (30 s at most); others do not resolve. */
  private InetAddress[] resolve(String hostname) throws UnknownHostException {
    if (!SLOW.equals(hostname)) {
      throw new UnknownHostException(hostname);
    }
    lookingUp.countDown();
    try {
      answer.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new InetAddress[] {InetAddress.getByName("127.0.0.1")};
  }

  private CkResult list(TlsTestClient c) throws Exception {
    return c.call(new CommandRequest(ids.getAndIncrement(), LinkBodies.LINK_LIST, new byte[0]))
        .result();
  }

  @Test
  void establishedLinksAreServedWhileAHostNameLookupHangs() throws Exception {
    List<TlsTestClient> up = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) { // more links than event loops: one shares the slow one's loop
        up.add(TlsTestClient.connect(server.port(), fast, "127.0.0.1"));
      }
      CompletableFuture<CkResult> late = CompletableFuture.supplyAsync(() -> {
        try (TlsTestClient c = TlsTestClient.connect(server.port(), slow, "127.0.0.1")) {
          return list(c);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue(lookingUp.await(20, TimeUnit.SECONDS), "the host looked the name up");
      for (TlsTestClient c : up) {
        assertEquals(CkResult.CKR_OK, list(c), "an established link answers during the lookup");
      }
      assertTrue(!late.isDone(), "the slow client waits for its lookup");
      answer.countDown();
      assertEquals(CkResult.CKR_OK, late.get(20, TimeUnit.SECONDS));
    } finally {
      for (TlsTestClient c : up) {
        c.close();
      }
    }
  }
}
