package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.StcError;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;
import org.openstc.stc.wire.FrameType;

/** The handshake limits on real loopback sockets: pending caps, pre-OPEN timeout, log, isolation. */
class HandshakeLimitsTest {
  private static final long SERIAL = 42;
  /** OPENs naming this serial block in the resolver until the test releases them. */
  private static final long SLOW = 43;
  private final CryptoProvider provider = CryptoProviders.jca();
  private final InMemoryPeerRegistry registry = new InMemoryPeerRegistry();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final CountDownLatch slowEntered = new CountDownLatch(1);
  private final CountDownLatch slowRelease = new CountDownLatch(1);
  private final List<Socket> sockets = new ArrayList<>();
  private InMemoryStaticKey partitionKey;
  private InMemoryStaticKey clientKey;
  private StcServer server;

  private void start(ServerConfig config) throws Exception {
    partitionKey = InMemoryStaticKey.generate(KeyType.X25519, provider);
    clientKey = InMemoryStaticKey.generate(KeyType.X25519, provider);
    registry.register("client", clientKey.identity());
    PartitionEndpoint endpoint = new PartitionEndpoint(SERIAL, partitionKey, registry,
        ChannelPolicy.defaults());
    server = new StcServer(config, provider, serial -> {
      if (serial == SLOW) {
        slowEntered.countDown();
        await(slowRelease);
      }
      return serial == SERIAL ? Optional.of(endpoint) : Optional.empty();
    }, (p, c, i) -> request -> request,
        new FailureLog(TimeUnit.HOURS.toNanos(1), System::nanoTime, log::add)).start();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterEach
  void stop() throws IOException {
    slowRelease.countDown();
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static ServerConfig config(HandshakeLimits limits) {
    return ServerConfig.defaults("127.0.0.1", 0).withIoThreads(1).withHandshakes(limits);
  }

  /** A raw connection from {@code source} (any 127/8 address is loopback on Linux). */
  private Socket raw(String source) throws IOException {
    Socket s = new Socket(InetAddress.getByName("127.0.0.1"), server.port(),
        InetAddress.getByName(source), 0);
    s.setSoTimeout(10_000);
    sockets.add(s);
    return s;
  }

  private StcConnection connect(Socket s) throws Exception {
    return StcConnection.connect(Transport.of(s),
        new ClientHandshake(provider, clientKey, SERIAL, partitionKey.identity()));
  }

  /** Reads one frame, which must be REJECT followed by the end of the stream; returns its code. */
  private static StcError rejected(Socket s) throws IOException {
    DataInputStream in = new DataInputStream(s.getInputStream());
    int type = in.readUnsignedByte();
    byte[] body = in.readNBytes(in.readUnsignedByte() << 16 | in.readUnsignedShort());
    assertEquals(FrameType.REJECT.code(), type);
    assertEquals(-1, in.read(), "closed after REJECT");
    return Alerts.toException(body).error();
  }

  private static void eventually(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // poll the condition, not a delay
    }
  }

  @Test
  void blockedHandshakesDoNotStallAnEstablishedChannelOnTheSameEventLoop() throws Exception {
    start(config(HandshakeLimits.defaults().withThreads(1)));
    try (StcConnection established = connect(raw("127.0.0.1"))) {
      InMemoryStaticKey stranger = InMemoryStaticKey.generate(KeyType.X25519, provider);
      for (int i = 0; i < 20; i++) {
        raw("127.0.0.1").getOutputStream().write(new ClientHandshake(provider, stranger, SLOW,
            partitionKey.identity()).start());
      }
      assertTrue(slowEntered.await(10, TimeUnit.SECONDS), "an OPEN reached the resolver");
      // One event loop serves every connection; the OPENs wait on the handshake thread.
      for (int i = 0; i < 100; i++) {
        byte[] msg = {(byte) i, 1, 2};
        assertArrayEquals(msg, established.call(msg));
      }
      assertEquals(20, server.pendingHandshakes(), "20 OPENs still pending");
      slowRelease.countDown();
      for (Socket s : sockets.subList(1, sockets.size())) {
        assertEquals(StcError.CKR_STC_CONTAINER_INVALID, rejected(s));
      }
    }
    assertEquals(20L, server.handshakeFailures().get("CKR_STC_CONTAINER_INVALID"));
  }

  @Test
  void atTheCapPerSourceOneMoreClosesTheOldestFromThatAddress() throws Exception {
    start(config(HandshakeLimits.defaults().withMaxPerSource(2)));
    raw("127.0.0.1");
    raw("127.0.0.1");
    eventually("2 pending", () -> server.pendingHandshakes() == 2);
    try (StcConnection third = connect(raw("127.0.0.1"))) {
      assertArrayEquals(new byte[] {5}, third.call(new byte[] {5}), "the newest is admitted");
    }
    assertEquals(StcError.CKR_STC_TOO_MANY_CHANNELS, rejected(sockets.get(0)),
        "the oldest of that address is closed");
    assertEquals(1L, server.handshakeFailures()
        .get("limit: pending handshakes per source (oldest closed)"));
    eventually("one pending", () -> server.pendingHandshakes() == 1);
  }

  @Test
  void atTheServerCapOneMoreFromAnyAddressClosesTheOldest() throws Exception {
    start(config(HandshakeLimits.defaults().withMaxPending(3).withMaxPerSource(2)));
    raw("127.0.0.1");
    eventually("1 pending", () -> server.pendingHandshakes() == 1);
    raw("127.0.0.1");
    raw("127.0.0.2");
    eventually("3 pending", () -> server.pendingHandshakes() == 3);
    try (StcConnection newest = connect(raw("127.0.0.3"))) {
      assertArrayEquals(new byte[] {7}, newest.call(new byte[] {7}));
    }
    assertEquals(StcError.CKR_STC_TOO_MANY_CHANNELS, rejected(sockets.get(0)));
    assertEquals(1L, server.handshakeFailures().get("limit: pending handshakes (oldest closed)"));
    for (Socket s : sockets) {
      s.close();
    }
    eventually("none pending", () -> server.pendingHandshakes() == 0);
  }

  @Test
  void thePreOpenTimeoutClosesASilentConnection() throws Exception {
    start(config(HandshakeLimits.defaults().withPreOpenTimeoutSeconds(1)));
    long t0 = System.nanoTime();
    assertEquals(StcError.CKR_STC_ACTIVATION_TIMEOUT, rejected(raw("127.0.0.1")));
    assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(900), "not before 1 s");
    eventually("the slot is released", () -> server.pendingHandshakes() == 0);
    assertEquals(1L, server.handshakeFailures().get("CKR_STC_ACTIVATION_TIMEOUT"));
  }

  @Test
  void aFloodOfBadSerialsLogsOneLineWithItsCount() throws Exception {
    start(config(HandshakeLimits.defaults()));
    InMemoryStaticKey stranger = InMemoryStaticKey.generate(KeyType.X25519, provider);
    for (int i = 0; i < 30; i++) {
      Socket s = raw("127.0.0.1");
      s.getOutputStream().write(new ClientHandshake(provider, stranger, 1000 + i,
          partitionKey.identity()).start());
      assertEquals(StcError.CKR_STC_CONTAINER_INVALID, rejected(s));
    }
    assertEquals(30L, server.handshakeFailures().get("CKR_STC_CONTAINER_INVALID"));
    List<String> lines = log.stream().filter(l -> l.contains("CKR_STC_CONTAINER_INVALID")).toList();
    assertEquals(1, lines.size(), "one line per kind and interval: " + log);
    assertTrue(lines.get(0).contains("127.0.0.1"), lines.get(0));
  }
}
