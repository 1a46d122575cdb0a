package org.openstc.stc.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** {@link Transport} over a connected TCP socket; the read bound is {@code SO_TIMEOUT}. */
final class SocketTransport implements Transport {
  private final Socket socket;

  SocketTransport(Socket socket) {
    this.socket = socket;
  }

  @Override
  public InputStream in() throws IOException {
    return socket.getInputStream();
  }

  @Override
  public OutputStream out() throws IOException {
    return socket.getOutputStream();
  }

  @Override
  public void readTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  @Override
  public String describe() {
    return socket.getInetAddress() == null ? "an unconnected socket"
        : socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
