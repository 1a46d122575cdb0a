package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * Issue 22, "Pre-authentication memory": before ACTIVATE only handshake frames of their real sizes
 * are read, and what pending connections buffer together stays within the host's budget.
 */
class PreAuthMemoryTest {
  private static final ChannelServiceFactory ECHO = EmbeddedHost.echo(request -> true);

  private static byte[] header(FrameType type, int bodyLength) {
    byte[] h = new byte[Wire.FRAME_HEADER];
    Frame.writeHeader(type, bodyLength, h, 0);
    return h;
  }

  private static StcError decodeError(Runnable write) {
    DecoderException e = assertThrows(DecoderException.class, write::run);
    return ((StcException) e.getCause()).error();
  }

  @Test
  void aDataHeaderOf131KbBeforeActivateIsRejectedAtOnceAndItsBodyNeverBuffered() throws Exception {
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), ECHO);
    EmbeddedChannel ch = host.connect();
    FrameDecoder frames = ch.pipeline().get(FrameDecoder.class);
    // The header and the first 60 KB of the body in one read, as a real socket would deliver them.
    ch.writeInbound(Unpooled.wrappedBuffer(header(FrameType.DATA, Wire.MAX_RECORD_BODY),
        new byte[60_000]));
    ch.runPendingTasks();
    assertEquals(StcError.CKR_STC_NO_CONTEXT, EmbeddedHost.rejectCode(ch));
    assertEquals(0, frames.buffered(), "nothing of the body is held");
    assertEquals(0, host.context.gate().bufferedBytes());
    assertEquals(0, host.handshakes.size(), "no handshake work for a refused header");
    assertFalse(ch.isOpen());
  }

  @Test
  void anOpenLongerThanTheLongestSuitesOpenIsRefusedAtItsHeader() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(
        new HandshakeGate(HandshakeLimits.defaults())));
    assertEquals(347, Wire.MAX_OPEN_BODY, "17 + 2 x 16 offered + P521 message 1 (298)");
    ch.writeInbound(Unpooled.wrappedBuffer(header(FrameType.OPEN, Wire.MAX_OPEN_BODY)));
    assertNull(ch.readInbound(), "the longest OPEN is read: its body is awaited");
    EmbeddedChannel longer = new EmbeddedChannel(new FrameDecoder(
        new HandshakeGate(HandshakeLimits.defaults())));
    assertEquals(StcError.CKR_STC_FRAME_INVALID, decodeError(() -> longer.writeInbound(
        Unpooled.wrappedBuffer(header(FrameType.OPEN, Wire.MAX_OPEN_BODY + 1)))));
    EmbeddedChannel huge = new EmbeddedChannel(new FrameDecoder(
        new HandshakeGate(HandshakeLimits.defaults())));
    assertEquals(StcError.CKR_STC_FRAME_INVALID, decodeError(() -> huge.writeInbound(
        Unpooled.wrappedBuffer(header(FrameType.OPEN, 131 * 1024)))));
  }

  @Test
  void aPartitionOnlyFrameBeforeActivateIsRefusedAtItsHeader() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(
        new HandshakeGate(HandshakeLimits.defaults())));
    assertEquals(StcError.CKR_STC_UNEXPECTED_MESSAGE, decodeError(() -> ch.writeInbound(
        Unpooled.wrappedBuffer(header(FrameType.OPEN_RESPONSE, 60_000)))));
  }

  /**
   * Many connections each park a partial OPEN: the budget admits as many as fit, refuses the next
   * with REJECT (counted), and the total held never passes it; closing gives the bytes back.
   */
  @Test
  void manyConnectionsWithPartialOpensStayWithinTheBudget() throws Exception {
    int partial = Wire.FRAME_HEADER + 300;
    int budget = 10 * partial + partial / 2;
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults().withMaxBufferedBytes(budget),
        ECHO);
    byte[] bytes = new byte[partial];
    System.arraycopy(header(FrameType.OPEN, Wire.MAX_OPEN_BODY), 0, bytes, 0, Wire.FRAME_HEADER);
    List<EmbeddedChannel> open = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      EmbeddedChannel ch = host.connect();
      ch.writeInbound(Unpooled.wrappedBuffer(bytes));
      ch.runPendingTasks();
      assertTrue(host.context.gate().bufferedBytes() <= budget);
      if (ch.isOpen()) {
        open.add(ch);
      } else {
        assertEquals(StcError.CKR_STC_TOO_MANY_CHANNELS, EmbeddedHost.rejectCode(ch));
      }
    }
    assertEquals(10, open.size());
    assertEquals(10L * partial, host.context.gate().bufferedBytes());
    assertEquals(30L, host.context.failures().counts().get("limit: pending handshake bytes"));
    open.forEach(EmbeddedChannel::close);
    assertEquals(0, host.context.gate().bufferedBytes());
    EmbeddedChannel again = host.connect();
    again.writeInbound(Unpooled.wrappedBuffer(bytes));
    assertTrue(again.isOpen(), "the budget is free again");
  }

  /** The same on real sockets: 200 connections each park a partial OPEN on a small budget. */
  @Test
  void onRealSocketsTheHostsPendingBytesStayUnderTheBudget() throws Exception {
    int partial = Wire.FRAME_HEADER + 300;
    int budget = 20 * partial;
    HandshakeLimits limits = HandshakeLimits.defaults().withMaxBufferedBytes(budget)
        .withMaxPending(1000).withMaxPerSource(1000).withPreOpenTimeoutSeconds(120);
    byte[] bytes = new byte[partial];
    System.arraycopy(header(FrameType.OPEN, Wire.MAX_OPEN_BODY), 0, bytes, 0, Wire.FRAME_HEADER);
    List<Socket> sockets = new ArrayList<>();
    try (StcServer server = new StcServer(ServerConfig.defaults("127.0.0.1", 0)
        .withHandshakes(limits), CryptoProviders.jca(), serial -> Optional.empty(),
        (p, c, i) -> r -> r).start()) {
      for (int i = 0; i < 200; i++) {
        Socket s = new Socket("127.0.0.1", server.port());
        sockets.add(s);
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        assertTrue(server.pendingBytes() <= budget, "held " + server.pendingBytes());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (refusedForBytes(server) < 180 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      // At most 20 whole partial OPENs fit; a connection whose bytes came in two reads may be
      // refused at its second read, so more than 180 refusals is possible, never fewer.
      assertTrue(refusedForBytes(server) >= 180, "refused " + refusedForBytes(server));
      assertTrue(server.pendingBytes() <= budget, "held " + server.pendingBytes());
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  private static long refusedForBytes(StcServer server) {
    return server.handshakeFailures().getOrDefault("limit: pending handshake bytes", 0L);
  }

  @Test
  void anActivatedChannelNoLongerCountsAgainstTheBudget() throws Exception {
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults().withMaxBufferedBytes(1000),
        ECHO);
    EmbeddedChannel ch = host.connect();
    host.activate(ch);
    ch.writeInbound(Unpooled.wrappedBuffer(header(FrameType.DATA, Wire.MAX_RECORD_BODY),
        new byte[5000]));
    assertTrue(ch.isOpen(), "an active channel reads records of any legal size");
    assertEquals(Wire.FRAME_HEADER + 5000, ch.pipeline().get(FrameDecoder.class).buffered());
    assertEquals(0, host.context.gate().bufferedBytes());
  }
}
