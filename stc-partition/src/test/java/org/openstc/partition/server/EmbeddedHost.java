package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * A server context for {@link EmbeddedChannel} tests: one X25519 partition with one registered
 * client, and handshake and worker executors that are {@link TaskQueue}s the test runs by hand.
 */
final class EmbeddedHost {
  static final long SERIAL = 77;
  final CryptoProvider provider = CryptoProviders.jca();
  final InMemoryStaticKey partitionKey;
  final InMemoryStaticKey clientKey;
  final TaskQueue handshakes = new TaskQueue();
  final TaskQueue workers = new TaskQueue();
  /** What the failure log would have logged. */
  final List<String> log = new CopyOnWriteArrayList<>();
  final ServerContext context;

  /**
   * With no limit on inline time, so that what a test sees does not depend on how fast a cold JVM
   * runs (the budget itself is {@code InlineBudgetTest}'s subject).
   */
  EmbeddedHost(HandshakeLimits limits, ChannelServiceFactory services) throws Exception {
    this(limits, services, Long.MAX_VALUE);
  }

  /** With {@link ServerConfig#inlineBudgetNanos} {@code inlineBudgetNanos}. */
  EmbeddedHost(HandshakeLimits limits, ChannelServiceFactory services, long inlineBudgetNanos)
      throws Exception {
    partitionKey = InMemoryStaticKey.generate(KeyType.X25519, provider);
    clientKey = InMemoryStaticKey.generate(KeyType.X25519, provider);
    InMemoryPeerRegistry registry = new InMemoryPeerRegistry().register("c", clientKey.identity());
    PartitionEndpoint endpoint = new PartitionEndpoint(SERIAL, partitionKey, registry,
        ChannelPolicy.defaults());
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withHandshakes(limits)
        .withInlineBudgetNanos(inlineBudgetNanos);
    context = new ServerContext(config, provider,
        serial -> serial == SERIAL ? Optional.of(endpoint) : Optional.empty(), services,
        new Sessions(), workers, handshakes, new HandshakeGate(limits),
        new FailureLog(Long.MAX_VALUE, System::nanoTime, log::add));
  }

  /** A service that answers each request with itself, on the event loop when {@code inline}. */
  static ChannelServiceFactory echo(java.util.function.Predicate<byte[]> inline) {
    return (p, c, i) -> new ChannelService() {
      @Override
      public byte[] handle(byte[] request) {
        return request;
      }

      @Override
      public boolean runsOnEventLoop(byte[] request) {
        return inline.test(request);
      }
    };
  }

  /** A new connection with the server's pipeline (no idle handler). */
  EmbeddedChannel connect() {
    return new EmbeddedChannel(new FrameDecoder(context.gate()), new HandshakeHandler(context),
        new EofCloser());
  }

  ClientHandshake client() throws StcException {
    return new ClientHandshake(provider, clientKey, SERIAL, partitionKey.identity());
  }

  /** Runs handshake tasks and the event loop's tasks until neither has anything left. */
  void settle(EmbeddedChannel ch) {
    do {
      handshakes.runAll();
      ch.runPendingTasks();
    } while (handshakes.size() > 0);
  }

  /** Drives OPEN and ACTIVATE to completion; returns the client's side of the channel. */
  StcChannel activate(EmbeddedChannel ch) throws StcException {
    ClientHandshake client = client();
    ch.writeInbound(wrap(client.start()));
    settle(ch);
    byte[] activate = client.onFrame(single(ch));
    ch.writeInbound(wrap(activate));
    settle(ch);
    client.onFrame(single(ch));
    assertTrue(client.isActive());
    return client.channel();
  }

  static ByteBuf wrap(byte[]... parts) {
    return io.netty.buffer.Unpooled.wrappedBuffer(parts);
  }

  /** Everything written so far, as one byte stream. */
  static byte[] written(EmbeddedChannel ch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes);
      b.release();
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  /** Splits a byte stream into whole frames (fails on a cut frame). */
  static List<Frame> frames(byte[] stream) throws StcException {
    List<Frame> out = new ArrayList<>();
    int off = 0;
    while (off < stream.length) {
      int len = Wire.FRAME_HEADER + ((stream[off + 1] & 0xff) << 16
          | (stream[off + 2] & 0xff) << 8 | stream[off + 3] & 0xff);
      out.add(Frame.decode(java.util.Arrays.copyOfRange(stream, off, off + len)));
      off += len;
    }
    return out;
  }

  /** The one frame written so far. */
  static Frame single(EmbeddedChannel ch) throws StcException {
    List<Frame> f = frames(written(ch));
    assertEquals(1, f.size(), "frames written: " + f);
    return f.get(0);
  }

  /** The code of the one frame written, which must be a REJECT. */
  static StcError rejectCode(EmbeddedChannel ch) throws StcException {
    Frame f = single(ch);
    assertEquals(FrameType.REJECT, f.type());
    return Alerts.toException(f.body()).error();
  }
}
