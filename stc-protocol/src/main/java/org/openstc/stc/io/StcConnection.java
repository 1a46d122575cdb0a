package org.openstc.stc.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.io.internal.FrameReader;
import org.openstc.stc.wire.Frame;

/**
 * A blocking STC/1 connection over a {@link Transport} (a socket, a pipe): runs the handshake,
 * then sends and receives whole messages. Sending and receiving may be done by two
 * threads; each of {@link #send} and {@link #receive} must be called by one thread at a time.
 */
public final class StcConnection implements Closeable {
  private final FrameReader reader;
  private final OutputStream out;
  private final Transport transport;
  private final StcChannel channel;
  private final Object writeLock = new Object();

  private StcConnection(FrameReader reader, Transport transport, StcChannel channel)
      throws IOException {
    this.reader = reader;
    this.out = transport.out();
    this.transport = transport;
    this.channel = channel;
  }

  /**
   * Runs the client side of the handshake; {@code transport} is closed by {@link #close()}, or at
   * once if the handshake fails.
   */
  public static StcConnection connect(Transport transport, ClientHandshake handshake)
      throws IOException, StcException {
    try {
      FrameReader reader = new FrameReader(transport.in());
      OutputStream out = transport.out();
      write(out, handshake.start());
      while (!handshake.isActive()) {
        byte[] reply = handshake.onFrame(reader.readRequired("the partition's handshake reply"));
        if (reply != null) {
          write(out, reply);
        }
      }
      return new StcConnection(reader, transport, handshake.channel());
    } catch (IOException | StcException | RuntimeException e) {
      closeQuietly(transport);
      throw e;
    }
  }

  private static void closeQuietly(Closeable transport) {
    try {
      transport.close();
    } catch (IOException ignored) {
      // The handshake failure is what the caller needs to see.
    }
  }

  /**
   * Runs the partition side of the handshake. On failure the client is told why with a REJECT
   * frame, the transport is closed and the exception propagates.
   */
  public static StcConnection accept(Transport transport, PartitionHandshake handshake)
      throws IOException, StcException {
    try {
      return acceptOrReject(transport, handshake);
    } catch (IOException | StcException | RuntimeException e) {
      closeQuietly(transport);
      throw e;
    }
  }

  private static StcConnection acceptOrReject(Transport transport, PartitionHandshake handshake)
      throws IOException, StcException {
    FrameReader reader = new FrameReader(transport.in());
    OutputStream out = transport.out();
    try {
      while (!handshake.isActive()) {
        readTimeoutUntil(transport, handshake.deadlineNanos());
        Frame f = reader.readRequired("the client's handshake");
        handshake.checkDeadline(System.nanoTime());
        byte[] reply = handshake.onFrame(f);
        if (reply != null) {
          write(out, reply);
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      StcException timeout = new StcException(StcError.CKR_STC_ACTIVATION_TIMEOUT,
          "channel not activated in time");
      write(out, PartitionHandshake.reject(timeout));
      throw timeout;
    } catch (StcException e) {
      write(out, PartitionHandshake.reject(e));
      throw e;
    }
    transport.readTimeout(0);
    return new StcConnection(reader, transport, handshake.channel());
  }

  /**
   * Bounds the next read by the activation deadline, so a client that connects and sends nothing
   * cannot hold the thread past the activation timeout.
   */
  private static void readTimeoutUntil(Transport transport, long deadlineNanos)
      throws IOException, StcException {
    long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (millis <= 0) {
      throw new StcException(StcError.CKR_STC_ACTIVATION_TIMEOUT, "channel not activated in time");
    }
    transport.readTimeout((int) Math.min(Integer.MAX_VALUE, millis));
  }

  public StcChannel channel() {
    return channel;
  }

  /** The transport's description, for messages. */
  public String describe() {
    return transport.describe();
  }

  /** Seals and writes one message. */
  public void send(byte[] payload) throws IOException, StcException {
    synchronized (writeLock) {
      write(out, channel.seal(payload));
    }
  }

  /**
   * Reads the next message; {@code null} when the peer closed the channel. A record that fails
   * verification is answered with an ALERT and the exception propagates.
   */
  public byte[] receive() throws IOException, StcException {
    Frame f = reader.read();
    if (f == null) {
      throw new StcException(StcError.CKR_STC_CHANNEL_CLOSED, "connection to "
          + transport.describe() + " closed by peer");
    }
    InboundRecord r;
    try {
      r = channel.open(f);
    } catch (StcException e) {
      sendAlertQuietly(e);
      throw e;
    }
    return r.isClose() ? null : r.payload();
  }

  /** Sends one message and waits for one reply. */
  public byte[] call(byte[] request) throws IOException, StcException {
    send(request);
    byte[] reply = receive();
    if (reply == null) {
      throw new StcException(StcError.CKR_STC_CHANNEL_CLOSED, "peer closed the channel");
    }
    return reply;
  }

  private void sendAlertQuietly(StcException e) {
    if (channel.isClosed()) {
      return;
    }
    try {
      synchronized (writeLock) {
        write(out, channel.alert(e.error(), "record rejected"));
      }
    } catch (IOException | StcException ignored) {
      // The connection is failing anyway; the original error is what the caller needs.
    }
  }

  /** Sends CLOSE (if the channel is still open) and closes the transport. */
  @Override
  public void close() throws IOException {
    try {
      if (!channel.isClosed()) {
        synchronized (writeLock) {
          write(out, channel.close());
        }
      }
    } catch (StcException | IOException ignored) {
      // Closing anyway.
    } finally {
      channel.destroy();
      transport.close();
    }
  }

  private static void write(OutputStream out, byte[] frame) throws IOException {
    out.write(frame);
    out.flush();
  }
}
