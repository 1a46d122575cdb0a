package org.openstc.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 whose {@link #cut} is a silent network failure: from then on bytes in
 * either direction are dropped and no FIN or RST is passed on, on the connections it carries and
 * on new ones, until {@link #heal} (which only new connections see).
 */
final class BlackHoleProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile long generation;
  private volatile boolean cut;

  BlackHoleProxy(int target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Every byte from now on is lost, silently. */
  void cut() {
    cut = true;
    generation++;
  }

  /** New connections work again; those that were cut stay dead. */
  void heal() {
    cut = false;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket in = listener.accept();
        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(in);
        sockets.add(out);
        long born = cut ? -1 : generation;
        pump(in, out, born);
        pump(out, in, born);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, long born) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream()) {
        OutputStream out = to.getOutputStream();
        for (int n; (n = in.read(buf)) > 0; ) {
          if (born == generation) {
            out.write(buf, 0, n);
            out.flush();
          }
        }
        if (born == generation) {
          to.close(); // an orderly close passes only while the connection is not cut
        }
      } catch (IOException e) {
        // one side went away
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
