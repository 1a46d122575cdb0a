package org.openstc.partition.ntls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;
import org.openstc.command.LinkBodies;

/**
 * Splits the decrypted byte stream of an NTLS link into frames (docs/protocol.md section 35:
 * {@code u32 length || frame}, {@code 1 <= length <= }{@value LinkBodies#MAX_FRAME}) and hands each
 * on as a {@code byte[]}: one copy out of the TLS buffer, no buffer object per frame. A length
 * outside the bounds fails the link ({@link CorruptedFrameException}) and every later byte is
 * dropped, since after a bad length the boundaries of the following frames are unknown.
 */
final class LinkFrameDecoder extends ByteToMessageDecoder {
  private static final int HEADER = 4;
  private boolean broken;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (broken) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < HEADER) {
      return;
    }
    long length = in.getUnsignedInt(in.readerIndex());
    if (length < 1 || length > LinkBodies.MAX_FRAME) {
      broken = true;
      in.skipBytes(in.readableBytes());
      throw new CorruptedFrameException("frame length " + length + " is outside 1.."
          + LinkBodies.MAX_FRAME);
    }
    if (in.readableBytes() < HEADER + length) {
      return;
    }
    byte[] frame = new byte[(int) length];
    in.skipBytes(HEADER).readBytes(frame);
    out.add(frame);
  }
}
