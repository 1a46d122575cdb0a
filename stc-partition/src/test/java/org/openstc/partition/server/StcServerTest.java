package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.openstc.stc.StcException;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;

/** The Netty server on real loopback sockets, with well-behaved and hostile clients. */
class StcServerTest {
  private static final long SERIAL = 1234567890L;
  private final CryptoProvider provider = CryptoProviders.jca();
  private final InMemoryPeerRegistry registry = new InMemoryPeerRegistry();
  private InMemoryStaticKey partitionKey;
  private volatile ChannelPolicy policy = ChannelPolicy.defaults();
  private StcServer server;

  @BeforeEach
  void start() throws Exception {
    partitionKey = InMemoryStaticKey.generate(KeyType.X25519, provider);
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0)
        .withPreOpenTimeoutSeconds(2).withIdleTimeoutSeconds(30);
    server = new StcServer(config, provider,
        serial -> serial == SERIAL
            ? Optional.of(new PartitionEndpoint(SERIAL, partitionKey, registry, policy))
            : Optional.empty(),
        (partition, client, info) -> request -> request).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private InMemoryStaticKey registeredClient(String label) throws Exception {
    InMemoryStaticKey key = InMemoryStaticKey.generate(KeyType.X25519, provider);
    registry.register(label, key.identity());
    return key;
  }

  private StcConnection connect(InMemoryStaticKey client) throws Exception {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(10_000);
    return StcConnection.connect(Transport.of(s),
        new ClientHandshake(provider, client, SERIAL, partitionKey.identity()));
  }

  @Test
  void manyClientsEchoConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> results = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      InMemoryStaticKey key = registeredClient("client" + c);
      results.add(pool.submit(echoLoop(key, 200)));
    }
    for (Future<Integer> r : results) {
      assertEquals(200, r.get(2, TimeUnit.MINUTES));
    }
    pool.shutdown();
  }

  private Callable<Integer> echoLoop(InMemoryStaticKey key, int count) {
    return () -> {
      try (StcConnection conn = connect(key)) {
        int ok = 0;
        for (int i = 0; i < count; i++) {
          byte[] msg = ("message " + i).getBytes();
          if (java.util.Arrays.equals(msg, conn.call(msg))) {
            ok++;
          }
        }
        return ok;
      }
    };
  }

  @Test
  void unregisteredClientIsRejectedAndOthersKeepWorking() throws Exception {
    InMemoryStaticKey stranger = InMemoryStaticKey.generate(KeyType.X25519, provider);
    StcException e = assertThrows(StcException.class, () -> connect(stranger));
    assertEquals(StcError.CKR_STC_CLIENT_HANDLE_INVALID, e.error());
    assertWellBehavedClientWorks();
  }

  @Test
  void garbageIsRejectedWithFrameInvalid() throws Exception {
    assertEquals(StcError.CKR_STC_FRAME_INVALID, rejectAfterSending(new byte[] {0x42, 0, 0, 1, 9}));
    assertWellBehavedClientWorks();
  }

  @Test
  void oversizedLengthIsRejectedBeforeTheBodyArrives() throws Exception {
    assertEquals(StcError.CKR_STC_FRAME_INVALID,
        rejectAfterSending(new byte[] {0x10, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
  }

  /** Issue 22: a legal-sized DATA header before ACTIVATE is refused without waiting for its body. */
  @Test
  void aRecordHeaderOf131KbBeforeActivateIsRefusedAtTheHeader() throws Exception {
    byte[] header = new byte[4];
    Frame.writeHeader(FrameType.DATA, org.openstc.stc.wire.Wire.MAX_RECORD_BODY, header, 0);
    assertEquals(StcError.CKR_STC_NO_CONTEXT, rejectAfterSending(header));
    assertWellBehavedClientWorks();
  }

  @Test
  void streamEndingInsideAFrameIsRejected() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(new byte[] {0x01, 0, 0, 100, 1, 2, 3});
      s.shutdownOutput();
      DataInputStream in = new DataInputStream(s.getInputStream());
      assertEquals(FrameType.REJECT.code(), in.readUnsignedByte());
      byte[] body = in.readNBytes(in.readUnsignedByte() << 16 | in.readUnsignedShort());
      assertEquals(StcError.CKR_STC_FRAME_INVALID, Alerts.toException(body).error());
      assertTrue(readsEof(s.getInputStream()));
    }
    assertWellBehavedClientWorks();
  }

  @Test
  void endOfStreamOnAnActiveChannelClosesIt() throws Exception {
    InMemoryStaticKey key = registeredClient("eof");
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(10_000);
    StcConnection conn = StcConnection.connect(Transport.of(s),
        new ClientHandshake(provider, key, SERIAL, partitionKey.identity()));
    conn.call(new byte[] {1});
    s.shutdownOutput();
    assertTrue(readsEof(s.getInputStream()), "server must close after the client's end of stream");
    s.close();
    assertWellBehavedClientWorks();
  }

  @Test
  void slowSenderHitsTheActivationTimeout() throws Exception {
    assertEquals(StcError.CKR_STC_ACTIVATION_TIMEOUT, rejectAfterSending(new byte[] {0x01, 0}));
    assertWellBehavedClientWorks();
  }

  @Test
  void recordBeforeActivateHasNoContext() throws Exception {
    byte[] fakeRecord = new byte[4 + 9 + 16];
    Frame.writeHeader(FrameType.DATA, 9 + 16, fakeRecord, 0);
    fakeRecord[12] = 1;
    assertEquals(StcError.CKR_STC_NO_CONTEXT, rejectAfterSending(fakeRecord));
  }

  @Test
  void maxSessionsIsEnforced() throws Exception {
    policy = ChannelPolicy.builder().maxSessions(2).build();
    InMemoryStaticKey key = registeredClient("c");
    try (StcConnection a = connect(key); StcConnection b = connect(key)) {
      StcException e = assertThrows(StcException.class, () -> connect(key));
      assertEquals(StcError.CKR_STC_TOO_MANY_CHANNELS, e.error());
      assertArrayEquals(new byte[] {7}, a.call(new byte[] {7}));
    }
  }

  @Test
  void closeSendsEveryChannelTheShuttingDownAlertBeforeTheEventLoopsStop() throws Exception {
    InMemoryStaticKey key = registeredClient("stays");
    List<StcConnection> open = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) { // on every event loop
        StcConnection c = connect(key);
        open.add(c);
        assertArrayEquals(new byte[] {(byte) i}, c.call(new byte[] {(byte) i}));
      }
      server.close();
      for (StcConnection c : open) {
        StcException e = assertThrows(StcException.class, c::receive);
        assertEquals(StcError.CKR_STC_SHUTTING_DOWN, e.error(), e.getMessage());
      }
    } finally {
      for (StcConnection c : open) {
        c.close();
      }
    }
  }

  @Test
  void deregisteredClientIsDisconnected() throws Exception {
    InMemoryStaticKey key = registeredClient("leaving");
    try (StcConnection conn = connect(key)) {
      conn.call(new byte[] {1});
      registry.deregister(key.identity());
      assertEquals(1, server.disconnect(SERIAL, key.identity()::equals,
          StcError.CKR_STC_CLIENT_HANDLE_INVALID, "client deregistered"));
      StcException e = assertThrows(StcException.class, conn::receive);
      assertEquals(StcError.CKR_STC_CLIENT_HANDLE_INVALID, e.error());
    }
    StcException e = assertThrows(StcException.class, () -> connect(key));
    assertEquals(StcError.CKR_STC_CLIENT_HANDLE_INVALID, e.error());
  }

  @Test
  void tamperedRecordGetsAnAlertAndTheConnectionCloses() throws Exception {
    InMemoryStaticKey key = registeredClient("tamper");
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout(10_000);
    StcConnection conn = StcConnection.connect(Transport.of(s),
        new ClientHandshake(provider, key, SERIAL, partitionKey.identity()));
    byte[] rec = conn.channel().seal(new byte[] {1, 2, 3});
    rec[rec.length - 1] ^= 1;
    s.getOutputStream().write(rec);
    StcException e = assertThrows(StcException.class, conn::receive);
    assertEquals(StcError.CKR_STC_RESPONSE_BAD_MAC, e.error());
    conn.close();
    assertWellBehavedClientWorks();
  }

  private void assertWellBehavedClientWorks() throws Exception {
    try (StcConnection conn = connect(registeredClient("good" + System.nanoTime()))) {
      assertArrayEquals(new byte[] {4, 2}, conn.call(new byte[] {4, 2}));
    }
  }

  /** Sends raw bytes and returns the code of the REJECT the server answers with. */
  private StcError rejectAfterSending(byte[] bytes) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(bytes);
      s.getOutputStream().flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int type = in.readUnsignedByte();
      int len = in.readUnsignedByte() << 16 | in.readUnsignedShort();
      byte[] body = in.readNBytes(len);
      assertEquals(FrameType.REJECT.code(), type);
      assertTrue(readsEof(s.getInputStream()), "server must close after REJECT");
      return Alerts.toException(body).error();
    }
  }

  private static boolean readsEof(InputStream in) throws IOException {
    return in.read() == -1;
  }
}
