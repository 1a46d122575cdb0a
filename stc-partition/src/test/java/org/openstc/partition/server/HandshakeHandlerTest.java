package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcError;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;

/**
 * {@link HandshakeHandler} on an {@link EmbeddedChannel}: the handshake executor is a queue the test
 * runs by hand, so each assertion sees exactly what the event loop did before the work came back.
 */
class HandshakeHandlerTest {
  private static final ChannelServiceFactory ECHO = EmbeddedHost.echo(request -> true);

  private final HandshakeLimits limits = HandshakeLimits.defaults();

  @Test
  void openIsHandledOffTheEventLoopWithReadingPaused() throws Exception {
    EmbeddedHost host = new EmbeddedHost(limits, ECHO);
    EmbeddedChannel ch = host.connect();
    ch.writeInbound(EmbeddedHost.wrap(host.client().start()));
    assertEquals(1, host.handshakes.size(), "OPEN waits on the handshake executor");
    assertNull(ch.readOutbound(), "nothing is answered on the event loop");
    assertFalse(ch.config().isAutoRead(), "reading pauses while OPEN is in flight");
    host.handshakes.runOne();
    assertNull(ch.readOutbound(), "the reply is written on the event loop, not the executor");
    ch.runPendingTasks();
    assertEquals(FrameType.OPEN_RESPONSE, EmbeddedHost.single(ch).type());
    assertTrue(ch.config().isAutoRead());
    assertEquals(1, host.context.gate().pending());
  }

  @Test
  void framesPipelinedBehindActivateAreNotReadAhead() throws Exception {
    EmbeddedHost host = new EmbeddedHost(limits, ECHO);
    EmbeddedChannel ch = host.connect();
    ClientHandshake client = host.client();
    ch.writeInbound(EmbeddedHost.wrap(client.start()));
    host.settle(ch);
    byte[] activate = client.onFrame(EmbeddedHost.single(ch));
    // A record right behind ACTIVATE in the same read (not sealed with the channel's keys: the
    // client cannot seal before ACTIVATE_RESPONSE). Judged by the handshake it would be REJECT
    // NO_CONTEXT; it must wait and reach the record handler, which answers with a sealed ALERT.
    byte[] record = Frame.encode(FrameType.DATA, new byte[FrameType.DATA.minBody()]);
    ch.writeInbound(EmbeddedHost.wrap(activate, record));
    assertEquals(1, host.handshakes.size(), "only ACTIVATE is in flight");
    assertNull(ch.pipeline().get("records"));
    assertNull(ch.readOutbound(), "the record behind ACTIVATE is not judged before it");
    host.handshakes.runOne();
    ch.runPendingTasks();
    List<Frame> out = EmbeddedHost.frames(EmbeddedHost.written(ch));
    assertEquals(List.of(FrameType.ACTIVATE_RESPONSE, FrameType.ALERT),
        out.stream().map(Frame::type).toList());
    client.onFrame(out.get(0));
    assertNotNull(alertCode(client.channel(), out.get(1)), "an ALERT sealed with the channel keys");
    assertEquals(0, host.context.gate().pending(), "an active channel is no longer pending");
  }

  /** The code of {@code alert} opened with the client's keys; null if it is not an ALERT. */
  private static StcError alertCode(StcChannel channel, Frame alert) {
    try {
      channel.open(alert);
      return null;
    } catch (org.openstc.stc.StcException e) {
      return e.error();
    }
  }

  @Test
  void aRecordBeforeActivateIsRejectedOnceAndLaterFramesAreIgnored() throws Exception {
    EmbeddedHost host = new EmbeddedHost(limits, ECHO);
    EmbeddedChannel ch = host.connect();
    byte[] record = Frame.encode(FrameType.DATA, new byte[FrameType.DATA.minBody()]);
    ch.writeInbound(EmbeddedHost.wrap(record, record, host.client().start()));
    host.settle(ch);
    assertEquals(StcError.CKR_STC_NO_CONTEXT, EmbeddedHost.rejectCode(ch));
    assertEquals(0, host.handshakes.size(), "nothing after the failure is handled");
    assertFalse(ch.isOpen());
    assertEquals(1L, host.context.failures().counts().get("CKR_STC_NO_CONTEXT"));
  }

  @Test
  void aBadHeaderBehindOpenIsRejectedAfterOpenIsAnswered() throws Exception {
    EmbeddedHost host = new EmbeddedHost(limits, ECHO);
    EmbeddedChannel ch = host.connect();
    ch.writeInbound(EmbeddedHost.wrap(host.client().start(), new byte[] {0x42, 0, 0, 1}));
    assertTrue(ch.isOpen(), "the decoding error waits behind OPEN");
    host.settle(ch);
    List<Frame> out = EmbeddedHost.frames(EmbeddedHost.written(ch));
    assertEquals(List.of(FrameType.OPEN_RESPONSE, FrameType.REJECT),
        out.stream().map(Frame::type).toList());
    assertFalse(ch.isOpen());
  }

  @Test
  void endOfInputWhileOpenIsInFlightClosesAfterTheReply() throws Exception {
    EmbeddedHost host = new EmbeddedHost(limits, ECHO);
    EmbeddedChannel ch = host.connect();
    ch.writeInbound(EmbeddedHost.wrap(host.client().start()));
    ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
    assertTrue(ch.isOpen());
    host.settle(ch);
    assertEquals(FrameType.OPEN_RESPONSE, EmbeddedHost.single(ch).type());
    assertFalse(ch.isOpen());
    assertEquals(0, host.context.gate().pending());
  }

  @Test
  void overThePendingCapTheOldestConnectionIsClosedToAdmitTheNewOne() throws Exception {
    EmbeddedHost host = new EmbeddedHost(limits.withMaxPending(1), ECHO);
    EmbeddedChannel first = host.connect();
    EmbeddedChannel second = host.connect();
    first.runPendingTasks();
    assertEquals(StcError.CKR_STC_TOO_MANY_CHANNELS, EmbeddedHost.rejectCode(first));
    assertFalse(first.isOpen(), "the oldest pending connection is closed");
    assertTrue(second.isOpen(), "the newest is admitted");
    assertNull(second.readOutbound());
    assertEquals(1, host.context.gate().pending());
    assertEquals(1L, host.context.failures().counts()
        .get("limit: pending handshakes (oldest closed)"));
    second.close();
    assertEquals(0, host.context.gate().pending());
  }

  @Test
  void aFullActivationEchoesThroughTheRecordHandler() throws Exception {
    EmbeddedHost host = new EmbeddedHost(limits, ECHO);
    EmbeddedChannel ch = host.connect();
    StcChannel client = host.activate(ch);
    ch.writeInbound(EmbeddedHost.wrap(client.seal(new byte[] {9, 8, 7})));
    assertArrayEquals(new byte[] {9, 8, 7},
        client.open(EmbeddedHost.single(ch)).payload());
  }
}
