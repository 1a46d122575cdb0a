package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * {@link FrameDecoder} byte by byte on an {@link EmbeddedChannel}. The test streams start with OPEN
 * and ACTIVATE, after which every type is read at its table bounds.
 */
class FrameDecoderTest {
  private final HandshakeGate gate = new HandshakeGate(HandshakeLimits.defaults());

  private EmbeddedChannel decoder() {
    return new EmbeddedChannel(new FrameDecoder(gate));
  }

  /** A decoder past ACTIVATE. */
  private EmbeddedChannel afterActivate() {
    EmbeddedChannel ch = decoder();
    ch.writeInbound(Unpooled.wrappedBuffer(FRAMES.get(0), FRAMES.get(1)));
    assertEquals(2, decoded(ch).size());
    return ch;
  }

  /** Frames of several types and sizes, each body filled with its index so frames differ. */
  private static final List<byte[]> FRAMES = List.of(
      frame(FrameType.OPEN, FrameType.OPEN.minBody(), 1),
      frame(FrameType.ACTIVATE, FrameType.ACTIVATE.minBody(), 6),
      frame(FrameType.RETRY, 2, 2),
      frame(FrameType.DATA, 300, 3),
      frame(FrameType.REJECT, 4, 4),
      frame(FrameType.DATA, FrameType.DATA.minBody(), 5));

  private static byte[] frame(FrameType type, int bodyLength, int fill) {
    byte[] body = new byte[bodyLength];
    Arrays.fill(body, (byte) fill);
    return Frame.encode(type, body);
  }

  private static byte[] stream() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FRAMES.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static List<byte[]> decoded(EmbeddedChannel ch) {
    List<byte[]> out = new ArrayList<>();
    for (Frame f = ch.readInbound(); f != null; f = ch.readInbound()) {
      out.add(Arrays.copyOfRange(f.array(), f.frameOffset(), f.frameOffset() + f.frameLength()));
    }
    return out;
  }

  private static void assertFrames(List<byte[]> got) {
    assertEquals(FRAMES.size(), got.size());
    for (int i = 0; i < FRAMES.size(); i++) {
      assertArrayEquals(FRAMES.get(i), got.get(i), "frame " + i);
    }
  }

  @Test
  void aValidStreamSplitAtEveryOffsetDecodesTheSameFrames() {
    byte[] all = stream();
    for (int cut = 0; cut <= all.length; cut++) {
      EmbeddedChannel ch = decoder();
      ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(all, 0, cut)));
      ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(all, cut, all.length)));
      assertFrames(decoded(ch));
      assertFalse(ch.finish(), "cut at " + cut);
    }
  }

  @Test
  void aValidStreamFedOneByteAtATimeDecodes() {
    EmbeddedChannel ch = decoder();
    for (byte b : stream()) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertFrames(decoded(ch));
    assertFalse(ch.finish());
  }

  @Test
  void severalFramesInOneReadAllComeOutInOrder() {
    EmbeddedChannel ch = decoder();
    assertTrue(ch.writeInbound(Unpooled.wrappedBuffer(stream())));
    assertFrames(decoded(ch));
  }

  @Test
  void aHeaderClaimingMoreThanTheLimitFailsBeforeAnyBody() {
    byte[] header = new byte[Wire.FRAME_HEADER];
    Frame.writeHeader(FrameType.DATA, Wire.MAX_RECORD_BODY, header, 0);
    header[3]++; // one byte over the largest DATA body
    EmbeddedChannel ch = afterActivate();
    DecoderException e = assertThrows(DecoderException.class,
        () -> ch.writeInbound(Unpooled.wrappedBuffer(header)));
    assertEquals(StcError.CKR_STC_FRAME_INVALID, ((StcException) e.getCause()).error());
    assertNull(ch.readInbound());
  }

  @Test
  void aHugeLengthOnAHandshakeFrameFailsAtItsHeader() {
    EmbeddedChannel ch = decoder();
    DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(
        Unpooled.wrappedBuffer(new byte[] {0x01, (byte) 0xff, (byte) 0xff, (byte) 0xff})));
    assertEquals(StcError.CKR_STC_FRAME_INVALID, ((StcException) e.getCause()).error());
  }

  @Test
  void anUnknownTypeFailsAtItsFirstFourBytes() {
    EmbeddedChannel ch = decoder();
    DecoderException e = assertThrows(DecoderException.class,
        () -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x42, 0, 0, 1})));
    assertEquals(StcError.CKR_STC_FRAME_INVALID, ((StcException) e.getCause()).error());
  }

  @Test
  void endOfStreamInsideAFrameFailsAfterTheWholeFramesBeforeIt() {
    byte[] all = stream();
    byte[] cut = Arrays.copyOf(all, all.length - 1);
    EmbeddedChannel ch = decoder();
    ch.writeInbound(Unpooled.wrappedBuffer(cut));
    DecoderException e = assertThrows(DecoderException.class, ch::finish);
    assertEquals(StcError.CKR_STC_FRAME_INVALID, ((StcException) e.getCause()).error());
    List<byte[]> got = decoded(ch);
    assertEquals(FRAMES.size() - 1, got.size());
  }

  @Test
  void endOfStreamInsideAHeaderFails() {
    EmbeddedChannel ch = afterActivate();
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x10, 0}));
    DecoderException e = assertThrows(DecoderException.class, ch::finish);
    assertEquals(StcError.CKR_STC_FRAME_INVALID, ((StcException) e.getCause()).error());
  }
}
