package org.openstc.conformance.partition;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.openstc.conformance.Outcome;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcException;
import org.openstc.stc.io.internal.FrameReader;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;

/**
 * A raw TCP connection to the partition host: the suite writes whatever bytes a case scripts and
 * reads the host's frames back with bounded waits. {@link #awaitRefusal} turns what the host does
 * next into an {@link Outcome}: an exact REJECT or ALERT code followed by a close, or anything else.
 */
public final class RawConnection implements Closeable {
  /** How long the host has to close the connection after refusing. */
  static final int CLOSE_WAIT_MILLIS = 2000;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final FrameReader reader;
  private final int readTimeoutMillis;

  private RawConnection(Socket socket, int readTimeoutMillis) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.reader = new FrameReader(in);
    this.readTimeoutMillis = readTimeoutMillis;
    socket.setSoTimeout(readTimeoutMillis);
  }

  public static RawConnection open(String host, int port, int readTimeoutMillis)
      throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress(host, port), readTimeoutMillis);
    return new RawConnection(s, readTimeoutMillis);
  }

  /** Writes bytes as they are (whole frames, parts of frames, garbage). */
  public void send(byte[]... chunks) throws IOException {
    for (byte[] c : chunks) {
      out.write(c);
    }
    out.flush();
  }

  /** Closes our sending direction (the host sees end of stream). */
  public void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** The next frame (null at end of stream) within the read timeout. */
  public Frame read() throws IOException, StcException {
    return reader.read();
  }

  /** The next frame, waiting at most {@code millis}. */
  public Frame read(int millis) throws IOException, StcException {
    socket.setSoTimeout(millis);
    try {
      return reader.read();
    } finally {
      socket.setSoTimeout(readTimeoutMillis);
    }
  }

  /** Waits for the host to refuse; see {@link #awaitRefusal(StcChannel, int)}. */
  public Outcome awaitRefusal(StcChannel channel) {
    return awaitRefusal(channel, readTimeoutMillis);
  }

  /**
   * What the host does next, within {@code millis}: a REJECT (or, on an active {@code channel}, an
   * ALERT record) becomes {@link Outcome.Kind#ERROR} with its code, provided the host then closes
   * the connection; an echo reply means the host accepted what it should have refused.
   */
  public Outcome awaitRefusal(StcChannel channel, int millis) {
    Frame f;
    try {
      f = read(millis);
    } catch (SocketTimeoutException e) {
      return Outcome.timeout("nothing within " + millis + " ms");
    } catch (IOException e) {
      return Outcome.closed("connection reset: " + e.getMessage());
    } catch (StcException e) {
      return Outcome.unexpected("host sent a malformed frame: " + e.getMessage());
    }
    if (f == null) {
      return Outcome.closed("host closed without a REJECT or ALERT");
    }
    StcException refusal = refusalOf(f, channel);
    if (refusal == null) {
      return f.type() == FrameType.DATA ? Outcome.success("host accepted it and replied")
          : Outcome.unexpected("host answered with " + f.type());
    }
    return closesAfter(f.type(), refusal);
  }

  private static StcException refusalOf(Frame f, StcChannel channel) {
    if (f.type() == FrameType.REJECT) {
      return Alerts.toException(f.body());
    }
    if (channel != null && f.type().isRecord()) {
      try {
        channel.open(f);
        return null;
      } catch (StcException e) {
        return e;
      }
    }
    return null;
  }

  private Outcome closesAfter(FrameType type, StcException refusal) {
    String what = type + " " + refusal.error().name();
    try {
      if (read(CLOSE_WAIT_MILLIS) == null) {
        return Outcome.error(refusal.error(), type.name());
      }
      return Outcome.unexpected(what + " followed by more frames");
    } catch (SocketTimeoutException e) {
      return Outcome.unexpected(what + " but the connection stayed open");
    } catch (IOException e) {
      return Outcome.error(refusal.error(), type + ", then reset");
    } catch (StcException e) {
      return Outcome.unexpected(what + " followed by a malformed frame");
    }
  }

  /** Whether the host closed the connection (end of stream) within {@code millis}. */
  public boolean closedWithin(int millis) throws StcException {
    try {
      return read(millis) == null;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
