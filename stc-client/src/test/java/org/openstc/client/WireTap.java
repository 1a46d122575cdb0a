package org.openstc.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on a loopback port to a target port that keeps every byte the client sends, so a
 * test can look at what an observer on the network sees.
 */
final class WireTap implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
  private final List<Socket> sockets = new ArrayList<>();
  private final Thread acceptor;

  WireTap(int target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "wire-tap");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The client's bytes so far, all connections in arrival order. */
  synchronized byte[] seen() {
    return seen.toByteArray();
  }

  /** Whether the big-endian u64 {@code value} appears in what the clients sent. */
  boolean contains(long value) {
    byte[] needle = ByteBuffer.allocate(8).putLong(value).array();
    byte[] hay = seen();
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private void accept() {
    try {
      while (true) {
        Socket client = listener.accept();
        Socket host = new Socket(InetAddress.getLoopbackAddress(), target);
        synchronized (this) {
          sockets.add(client);
          sockets.add(host);
        }
        pump(client.getInputStream(), host.getOutputStream(), true);
        pump(host.getInputStream(), client.getOutputStream(), false);
      }
    } catch (IOException e) {
      // Closed.
    }
  }

  private void pump(InputStream in, OutputStream out, boolean record) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          if (record) {
            synchronized (this) {
              seen.write(buf, 0, n);
            }
          }
          out.write(buf, 0, n);
          out.flush();
        }
        out.close();
      } catch (IOException e) {
        // One side closed; the other pump ends too.
      }
    }, "wire-tap-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public synchronized void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
