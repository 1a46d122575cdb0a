package org.openstc.stc.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.MessageBatch;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.RecordPacker;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.io.internal.FrameReader;
import org.openstc.stc.wire.Frame;

/**
 * A blocking STC/1 connection over a {@link Transport} (a socket, a pipe): runs the handshake,
 * then sends and receives whole messages. Any number of threads may {@link #send}; one thread at a
 * time may {@link #receive}. Messages sent by several threads at once leave together: the thread
 * that gets to write seals everything queued, into one record each unless {@link #packSeveral()}
 * (docs/protocol.md 24a), so a lone message goes at once and pipelined ones share records.
 */
public final class StcConnection implements Closeable {
  private final FrameReader reader;
  private final OutputStream out;
  private final Transport transport;
  private final StcChannel channel;
  private final Object writeLock = new Object();
  /** Messages waiting to be sealed; drained by whoever holds {@link #writeLock}. */
  private final Queue<byte[]> outgoing = new ConcurrentLinkedQueue<>();
  private final RecordPacker packer;
  /** Messages of the last several-messages record not yet returned by {@link #receive}. */
  private final Queue<byte[]> incoming = new ArrayDeque<>();
  private byte[] sendBuffer = new byte[0];

  private StcConnection(FrameReader reader, Transport transport, StcChannel channel)
      throws IOException {
    this.reader = reader;
    this.out = transport.out();
    this.transport = transport;
    this.channel = channel;
    this.packer = new RecordPacker(channel, BATCH_BYTES);
  }

  /** The largest payload of a record that packs several messages. */
  private static final int BATCH_BYTES = 16 * 1024;

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

  /**
   * From now on, messages queued together may share a DATA record: only once the peer agreed to
   * receive such records (docs/protocol.md 24a).
   */
  public void packSeveral() {
    packer.packSeveral();
  }

  public boolean packsSeveral() {
    return packer.packsSeveral();
  }

  /**
   * Seals and writes one message; returns once it is written (sealed by this thread or by another
   * sender that wrote it together with its own).
   */
  public void send(byte[] payload) throws IOException, StcException {
    if (payload.length > channel.info().maxPlaintext()) {
      throw new IllegalArgumentException("payload of " + payload.length
          + " bytes exceeds the maximum of " + channel.info().maxPlaintext());
    }
    outgoing.add(payload);
    synchronized (writeLock) {
      int used = 0;
      int len;
      while ((len = packer.take(outgoing)) > 0) {
        if (sendBuffer.length - used < len) {
          if (used > 0) {
            out.write(sendBuffer, 0, used);
            used = 0;
          }
          if (sendBuffer.length < len) {
            sendBuffer = new byte[Math.max(len, StcChannel.sealedLength(BATCH_BYTES))];
          }
        }
        used += packer.seal(sendBuffer, used);
      }
      if (used > 0) {
        write(out, sendBuffer, used);
      }
    }
  }

  /**
   * Reads the next message; {@code null} when the peer closed the channel. A record that fails
   * verification is answered with an ALERT and the exception propagates.
   */
  public byte[] receive() throws IOException, StcException {
    byte[] queued = incoming.poll();
    if (queued != null) {
      return queued;
    }
    Frame f = reader.read();
    if (f == null) {
      throw new StcException(StcError.CKR_STC_CHANNEL_CLOSED, "connection to "
          + transport.describe() + " closed by peer");
    }
    InboundRecord r;
    List<byte[]> messages = null;
    try {
      r = channel.open(f);
      if (r.several()) {
        messages = MessageBatch.split(r.payload());
      }
    } catch (StcException e) {
      sendAlertQuietly(e);
      throw e;
    }
    if (messages != null) {
      incoming.addAll(messages.subList(1, messages.size()));
      return messages.get(0);
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
    write(out, frame, frame.length);
  }

  private static void write(OutputStream out, byte[] frames, int length) throws IOException {
    out.write(frames, 0, length);
    out.flush();
  }
}
