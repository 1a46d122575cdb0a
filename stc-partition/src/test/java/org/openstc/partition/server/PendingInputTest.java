package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;

/** {@link PendingInput}: what waits behind a frame in flight is kept in order and bounded. */
class PendingInputTest {
  private static final Frame DATA = frame();

  private static Frame frame() {
    try {
      return Frame.decode(Frame.encode(FrameType.DATA, new byte[FrameType.DATA.minBody()]));
    } catch (StcException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void beyondTheBoundOneUnexpectedMessageReplacesEverythingElse() {
    PendingInput in = new PendingInput();
    for (int i = 0; i < 10_000; i++) {
      in.add(DATA);
    }
    for (int i = 0; i < PendingInput.MAX; i++) {
      assertSame(DATA, in.poll());
    }
    Object last = in.poll();
    assertTrue(last instanceof StcException, String.valueOf(last));
    assertEquals(StcError.CKR_STC_UNEXPECTED_MESSAGE, ((StcException) last).error());
    assertNull(in.poll());
  }

  @Test
  void aFloodOfFramesBehindOpenGetsOneRejectAfterOpenIsAnswered() throws Exception {
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), (p, c, i) -> r -> r);
    EmbeddedChannel ch = host.connect();
    byte[] tiny = Frame.encode(FrameType.RETRY, new byte[2]);
    byte[][] parts = new byte[1 + 1000][];
    parts[0] = host.client().start();
    for (int i = 1; i < parts.length; i++) {
      parts[i] = tiny;
    }
    ch.writeInbound(EmbeddedHost.wrap(parts));
    host.settle(ch);
    assertEquals(java.util.List.of(FrameType.OPEN_RESPONSE, FrameType.REJECT), EmbeddedHost
        .frames(EmbeddedHost.written(ch)).stream().map(Frame::type).toList());
    assertEquals(1L, host.context.failures().counts().get("CKR_STC_UNEXPECTED_MESSAGE"));
  }
}
