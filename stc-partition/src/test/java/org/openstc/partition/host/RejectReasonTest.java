package org.openstc.partition.host;

import org.openstc.partition.store.TestHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.crypto.CryptoProviders;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Partitions;
import org.openstc.partition.store.PinHasher;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;

/**
 * Issue 11 §1: the cleartext REJECT an unregistered client gets names nobody: not its key, not its
 * fingerprint, not the partition; the host's log has the detail.
 */
class RejectReasonTest {
  @TempDir Path home;

  @Test
  void unregisteredClientsRejectCarriesOnlyTheFixedReason() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream err = System.err;
    try (HostStore store = TestHost.open(home, new PinHasher(64, 1))) {
      var record = store.partitions().create("secret-partition-name", 1 << 20, KeyType.X25519);
      InMemoryStaticKey stranger = InMemoryStaticKey.generate(KeyType.X25519,
          CryptoProviders.jca());
      byte[] reject;
      System.setErr(new PrintStream(new TeeStream(log, err), true, StandardCharsets.UTF_8));
      try (PartitionHost host = PartitionHost.start(store, ServerConfig.defaults("127.0.0.1", 0),
          CryptoProviders.jca())) {
        reject = openAndReadReply(host.port(), new ClientHandshake(CryptoProviders.jca(),
            stranger, record.serial(), Partitions.identity(record)));
        awaitLogged(log, stranger.identity().fingerprint());
      } finally {
        System.setErr(err);
      }
      Frame frame = Frame.decode(reject);
      assertEquals(FrameType.REJECT, frame.type());
      StcException e = Alerts.toException(frame.body());
      assertEquals(StcError.CKR_STC_CLIENT_HANDLE_INVALID, e.error());
      assertEquals(StcError.CKR_STC_CLIENT_HANDLE_INVALID.reason(), new String(frame.body(), 4,
          frame.bodyLength() - 4, StandardCharsets.UTF_8));
      String wire = new String(reject, StandardCharsets.ISO_8859_1);
      String hexKey = HexFormat.of().formatHex(stranger.identity().publicKey());
      assertFalse(wire.contains(new String(stranger.identity().publicKey(),
          StandardCharsets.ISO_8859_1)), "REJECT carries the client's public key");
      assertFalse(wire.toLowerCase().contains(hexKey), "REJECT carries the key in hex");
      assertFalse(wire.toLowerCase().contains(stranger.identity().fingerprint().substring(0, 16)),
          "REJECT carries the fingerprint");
      assertFalse(wire.contains("secret-partition-name"), "REJECT names the partition");
      assertFalse(wire.contains(Long.toString(record.serial())), "REJECT names the serial");
    }
    assertTrue(log.toString(StandardCharsets.UTF_8).contains(
        "not registered on partition"), "the host log has no detail:\n" + log);
  }

  private static byte[] openAndReadReply(int port, ClientHandshake hs) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(hs.start());
      return RawFrames.read(s.getInputStream());
    }
  }

  private static void awaitLogged(ByteArrayOutputStream log, String text)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!log.toString(StandardCharsets.UTF_8).contains(text)
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** Copies everything written to two streams. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
