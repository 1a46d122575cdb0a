package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several pkcs11-tool processes at once on one {@code stc-p11 serve}, while other connections
 * disconnect inside a frame or send an oversized one: those are dropped, the others all
 * succeed, and afterwards the host holds no channel of theirs.
 */
class ConcurrentClientsIT {
  @TempDir Path dir;

  @Test
  void brokenConnectionsDoNotDisturbTheOthers() throws Exception {
    assumeTrue(Tool.installed("pkcs11-tool") && Files.exists(Path.of(Tool.CLIENT_MODULE)));
    try (LivePartition live = LivePartition.create(dir).serve()) {
      String pin = LivePartition.CO_PIN;
      assertEquals(0, Tool.pkcs11Tool(live.socket, "--login", "--pin", pin, "--keypairgen",
          "--key-type", "EC:prime256v1", "--label", "shared").status());
      Path digest = Files.write(dir.resolve("digest"), new byte[32]);
      try (SocketChannel cut = connect(live.socket); SocketChannel huge = connect(live.socket)) {
        OutputStream cutOut = Channels.newOutputStream(cut);
        InputStream cutIn = Channels.newInputStream(cut);
        cutOut.write(0);
        assertEquals(0, cutIn.read());
        frame(cutOut, cutIn, RpcClient.bytes(RpcClient.request(RpcCall.C_INITIALIZE),
            Dispatcher.HANDSHAKE).u8(0).u8(1).byteArray(new byte[] {0}));
        frame(cutOut, cutIn, RpcClient.request(RpcCall.C_OPEN_SESSION).ulong(0)
            .ulong(Ck.CKF_SERIAL_SESSION));
        assertEquals(1, live.hostChannels(), "the session's channel is open");
        cutOut.write(new RpcWriter().u32(9).u32(0).u32(100).u8(7).toByteArray());
        OutputStream hugeOut = Channels.newOutputStream(huge);
        hugeOut.write(new RpcWriter().u8(0).u32(1).u32(0).u32(0x7fffffffL).toByteArray());
        InputStream hugeIn = Channels.newInputStream(huge);
        assertEquals(0, hugeIn.read()); // the version byte
        assertEquals(-1, hugeIn.read(), "an oversized frame closes that connection");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          List<Future<Tool.Result>> runs = new ArrayList<>();
          for (int i = 0; i < 4; i++) {
            int n = i;
            runs.add(pool.submit(() -> Tool.pkcs11Tool(live.socket, "--login", "--pin", pin,
                "--sign", "--mechanism", "ECDSA", "--label", "shared", "--input-file",
                digest.toString(), "--output-file", dir.resolve("sig" + n).toString())));
          }
          for (Future<Tool.Result> f : runs) {
            Tool.Result r = f.get();
            assertEquals(0, r.status(), r.output());
          }
        } finally {
          pool.shutdownNow();
        }
      } // the cut connection goes away mid-frame here
      for (int i = 0; i < 4; i++) {
        assertEquals(64, Files.size(dir.resolve("sig" + i)));
      }
      assertTrue(PkcsToolIT.within(10_000, () -> live.hostChannels() == 0),
          "channels left open on the host: " + live.hostChannels());
    }
  }

  /** Sends one request frame and reads its answer (checked to be a normal answer). */
  private static void frame(OutputStream out, InputStream in, RpcWriter body) throws Exception {
    byte[] b = body.toByteArray();
    out.write(new RpcWriter().u32(1).u32(0).u32(b.length).toByteArray());
    out.write(b);
    byte[] header = in.readNBytes(12);
    RpcReader h = new RpcReader(header);
    h.u32();
    h.u32();
    RpcReader answer = new RpcReader(in.readNBytes((int) h.u32()));
    assertTrue(answer.u32() != RpcCall.ERROR, "an ERROR answer");
  }

  private static SocketChannel connect(Path socket) throws Exception {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    return ch;
  }
}
