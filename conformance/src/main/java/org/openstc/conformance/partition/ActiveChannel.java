package org.openstc.conformance.partition;

import java.io.Closeable;
import java.io.IOException;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;

/**
 * An activated channel over a {@link RawConnection}: cases seal well-formed records with the real
 * {@link StcChannel}, then send them as they are, mutated, reordered or twice.
 */
public final class ActiveChannel implements Closeable {
  private final RawConnection connection;
  private final StcChannel channel;
  private final Responder responder;
  private long nextRequestId = 1;

  ActiveChannel(RawConnection connection, StcChannel channel, Responder responder) {
    this.connection = connection;
    this.channel = channel;
    this.responder = responder;
  }

  public RawConnection connection() {
    return connection;
  }

  public StcChannel channel() {
    return channel;
  }

  /** What turns a test message into a request the host answers. */
  public Responder responder() {
    return responder;
  }

  /** A sealed DATA record asking for the echo of {@code message}, not yet sent. */
  public Sealed seal(byte[] message) throws StcException {
    long id = nextRequestId++;
    return new Sealed(id, message, channel.seal(responder.request(id, message)));
  }

  /** Sends a record and checks that its echo comes back; null if it did, else the problem. */
  public String echo(byte[] message) throws IOException, StcException {
    Sealed s = seal(message);
    connection.send(s.frame());
    return awaitEcho(s);
  }

  /** Reads the next reply and checks it is the echo of {@code s}; null if so, else the problem. */
  public String awaitEcho(Sealed s) throws IOException, StcException {
    Frame f = connection.read();
    if (f == null) {
      return "host closed the connection instead of replying";
    }
    InboundRecord r = channel.open(f);
    if (r.isClose()) {
      return "host sent CLOSE instead of replying";
    }
    return responder.check(s.requestId(), s.message(), r.payload());
  }

  /** Sends one raw payload and returns the payload of the reply (a command exchange). */
  public byte[] call(byte[] payload) throws IOException, StcException {
    connection.send(channel.seal(payload));
    Frame f = connection.read();
    if (f == null) {
      throw new java.io.EOFException("host closed the connection instead of replying");
    }
    InboundRecord r = channel.open(f);
    if (r.isClose()) {
      throw new java.io.EOFException("host sent CLOSE instead of replying");
    }
    return r.payload();
  }

  /** Sends {@code count} echoes in a row; null if all came back. */
  public String echoMany(int count) throws IOException, StcException {
    for (int i = 0; i < count; i++) {
      String problem = echo(("message " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      if (problem != null) {
        return "message " + i + ": " + problem;
      }
    }
    return null;
  }

  /** Sends CLOSE and closes the socket. */
  @Override
  public void close() {
    try {
      if (!channel.isClosed()) {
        connection.send(channel.close());
      }
    } catch (IOException | StcException ignored) {
      // closing anyway
    } finally {
      channel.destroy();
      connection.close();
    }
  }

  /** A sealed request: its id, the message it asks to echo, and the record frame. */
  public record Sealed(long requestId, byte[] message, byte[] frame) {
    /** A copy of the frame to mutate. */
    public byte[] copy() {
      return frame.clone();
    }
  }
}
