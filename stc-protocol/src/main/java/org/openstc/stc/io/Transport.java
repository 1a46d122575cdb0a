package org.openstc.stc.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * What {@link StcConnection} needs from the byte stream under a channel: the two directions, a
 * bound on how long one read may block, closing, and a description for messages.
 * {@link #of(Socket)} is the TCP one; {@link #of(InputStream, OutputStream, Closeable, String)}
 * wraps any stream pair (a pipe, a test relay) whose reads cannot be bounded.
 */
public interface Transport extends Closeable {
  InputStream in() throws IOException;

  OutputStream out() throws IOException;

  /**
   * Bounds each following read to {@code millis} (0: no bound); a read that runs out throws
   * {@link java.net.SocketTimeoutException}. A transport that cannot bound reads ignores it.
   */
  void readTimeout(int millis) throws IOException;

  /** Where the bytes go, for messages ("127.0.0.1:9696"). */
  String describe();

  /** A connected socket. */
  static Transport of(Socket socket) {
    return new SocketTransport(socket);
  }

  /** A stream pair; {@code closer} is closed by {@link #close()}; reads cannot be bounded. */
  static Transport of(InputStream in, OutputStream out, Closeable closer, String description) {
    return new Transport() {
      @Override
      public InputStream in() {
        return in;
      }

      @Override
      public OutputStream out() {
        return out;
      }

      @Override
      public void readTimeout(int millis) {
        // A plain stream has no read timeout.
      }

      @Override
      public String describe() {
        return description;
      }

      @Override
      public void close() throws IOException {
        closer.close();
      }
    };
  }
}
