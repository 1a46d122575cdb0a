package org.openstc.partition.ntls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.command.LinkBodies;

/** {@link LinkFrameDecoder} on an {@link EmbeddedChannel}: split input, the length bounds. */
class LinkFrameDecoderTest {
  private static final List<byte[]> FRAMES = List.of(filled(1, 1), filled(300, 2), filled(4, 3),
      filled(70_000, 4));

  private static byte[] filled(int length, int fill) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  private static byte[] prefixed(long length, byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt((int) length).put(body).array();
  }

  private static byte[] stream() {
    ByteBuffer out = ByteBuffer.allocate(FRAMES.stream().mapToInt(f -> 4 + f.length).sum());
    FRAMES.forEach(f -> out.put(prefixed(f.length, f)));
    return out.array();
  }

  /** The frames decoded so far, taken out of the channel. */
  private static Object[] decoded(EmbeddedChannel ch) {
    Object[] out = ch.inboundMessages().toArray();
    ch.inboundMessages().clear();
    return out;
  }

  /** Deep equality: the same frames, byte for byte, in order. */
  private static void assertFrames(Object[] got) {
    assertArrayEquals(FRAMES.toArray(), got);
  }

  @Test
  void aStreamSplitAtEveryOffsetDecodesTheSameFrames() {
    byte[] all = stream();
    for (int cut = 0; cut <= all.length; cut += cut < 400 ? 1 : 997) {
      EmbeddedChannel ch = new EmbeddedChannel(new LinkFrameDecoder());
      ch.writeInbound(Unpooled.wrappedBuffer(all, 0, cut));
      ch.writeInbound(Unpooled.wrappedBuffer(all, cut, all.length - cut));
      assertFrames(decoded(ch));
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void aStreamFedByteByByteDecodesTheSameFrames() {
    byte[] all = stream();
    EmbeddedChannel ch = new EmbeddedChannel(new LinkFrameDecoder());
    for (byte b : all) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertFrames(decoded(ch));
  }

  @Test
  void theLargestFrameIsAccepted() {
    EmbeddedChannel ch = new EmbeddedChannel(new LinkFrameDecoder());
    byte[] max = filled(LinkBodies.MAX_FRAME, 9);
    ch.writeInbound(Unpooled.wrappedBuffer(prefixed(max.length, max)));
    assertArrayEquals(max, ch.readInbound());
  }

  @Test
  void aZeroOrTooLargeLengthFailsAndEverythingAfterItIsDropped() {
    for (long bad : new long[] {0, LinkBodies.MAX_FRAME + 1L, 0xFFFF_FFFFL}) {
      EmbeddedChannel ch = new EmbeddedChannel(new LinkFrameDecoder());
      byte[] good = prefixed(3, filled(3, 7));
      byte[] after = prefixed(2, filled(2, 8));
      byte[] badHeader = ByteBuffer.allocate(4).putInt((int) bad).array();
      CorruptedFrameException e = assertThrows(CorruptedFrameException.class,
          () -> ch.writeInbound(Unpooled.wrappedBuffer(good, badHeader, after)));
      assertTrue(e.getMessage().contains("frame length " + bad), e.getMessage());
      assertArrayEquals(filled(3, 7), ch.readInbound(), "the frame before the bad one");
      ch.writeInbound(Unpooled.wrappedBuffer(after));
      assertEquals(0, decoded(ch).length, "nothing after a bad length");
    }
  }
}
