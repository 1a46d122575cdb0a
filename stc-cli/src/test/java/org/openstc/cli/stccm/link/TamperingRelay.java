package org.openstc.cli.stccm.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * An on-path attacker for tests: a TCP relay to the host that forwards whole frames and, once
 * armed, flips one byte in the tag of the next DATA record going one way. Handshake frames pass
 * untouched, so the partition proves its identity and the tampering happens on an active channel.
 */
final class TamperingRelay implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final AtomicBoolean tamperToClient = new AtomicBoolean();
  private final AtomicBoolean tamperToHost = new AtomicBoolean();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  TamperingRelay(int targetPort) throws IOException {
    this.target = targetPort;
    this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "tampering-relay");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Alters the next DATA record the host sends to the client. */
  void tamperNextRecordToClient() {
    tamperToClient.set(true);
  }

  /** Alters the next DATA record the client sends to the host. */
  void tamperNextRecordToHost() {
    tamperToHost.set(true);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket host = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(host);
        pump(client, host, tamperToHost);
        pump(host, client, tamperToClient);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, AtomicBoolean tamper) {
    Thread t = new Thread(() -> {
      try (from; to) {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] header = new byte[Wire.FRAME_HEADER];
        while (in.readNBytes(header, 0, header.length) == header.length) {
          int length = (header[1] & 0xff) << 16 | (header[2] & 0xff) << 8 | header[3] & 0xff;
          byte[] body = in.readNBytes(length);
          if (header[0] == FrameType.DATA.code() && body.length > 0 && tamper.getAndSet(false)) {
            body[body.length - 1] ^= 0x01;
          }
          out.write(header);
          out.write(body);
          out.flush();
        }
      } catch (IOException e) {
        // One side closed; closing both ends the other pump too.
      }
    }, "tampering-relay-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
