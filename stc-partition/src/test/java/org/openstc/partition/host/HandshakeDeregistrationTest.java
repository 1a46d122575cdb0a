package org.openstc.partition.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.Alerts;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcError;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;

/**
 * Issue 11 §4: a client deregistered while its connection is between OPEN_RESPONSE and ACTIVATE
 * gets REJECT at once (the in-process event reaches handshakes too) and never ACTIVATE_RESPONSE;
 * a partition deleted meanwhile closes the handshake the same way.
 */
class HandshakeDeregistrationTest {
  @TempDir Path home;
  private HostStore store;
  private PartitionHost host;
  private ClientHandshake client;

  @BeforeEach
  void start() throws Exception {
    store = HostStore.open(home, new PinHasher(64, 1));
    var record = store.partitions().create("par1", 1 << 20, KeyType.X25519);
    InMemoryStaticKey key = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
    store.registrations().register(record.serial(), "client1", key.identity());
    client = new ClientHandshake(CryptoProviders.jca(), key, record.serial(),
        Partitions.identity(record));
    host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
        CryptoProviders.jca());
  }

  @AfterEach
  void stop() {
    host.close();
    store.close();
  }

  @Test
  void deregistrationAfterOpenResponseRejectsTheHandshake() throws Exception {
    long serial = store.partitions().get("par1").serial();
    afterOpenResponse(() -> store.registrations().deregister(serial, "client1"),
        StcError.CKR_STC_CLIENT_HANDLE_INVALID);
  }

  @Test
  void deletionAfterOpenResponseRejectsTheHandshake() throws Exception {
    afterOpenResponse(() -> store.partitions().delete("par1"), StcError.CKR_STC_CONTAINER_INVALID);
  }

  private interface Change {
    void run() throws Exception;
  }

  private void afterOpenResponse(Change change, StcError expected) throws Exception {
    try (Socket s = new Socket("127.0.0.1", host.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(client.start());
      Frame openResponse = RawFrames.readFrame(in);
      assertEquals(FrameType.OPEN_RESPONSE, openResponse.type());
      byte[] activate = client.onFrame(openResponse);
      change.run();
      Frame reject = RawFrames.readFrame(in);
      assertEquals(FrameType.REJECT, reject.type());
      assertEquals(expected, Alerts.toException(reject.body()).error());
      try {
        out.write(activate);
      } catch (java.io.IOException closed) {
        // The host may already have closed the connection.
      }
      assertThrows(java.io.IOException.class, () -> RawFrames.read(in), "no ACTIVATE_RESPONSE");
      assertEquals(0, host.server().activeChannels());
    }
  }
}
