package org.openstc.partition.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.Wire;

/**
 * Splits the byte stream into STC/1 frames. The header is checked as soon as its 4 bytes arrive
 * (type known, length within that type's bounds, hence never above {@link Wire#MAX_FRAME}), so a
 * hostile length is refused before any body is buffered. Emits {@link Frame}s on heap arrays.
 */
final class FrameDecoder extends ByteToMessageDecoder {

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    while (in.readableBytes() >= Wire.FRAME_HEADER) {
      int start = in.readerIndex();
      int bodyLength = in.getUnsignedMedium(start + 1);
      Frame.checkHeader(in.getByte(start), bodyLength);
      int total = Wire.FRAME_HEADER + bodyLength;
      if (in.readableBytes() < total) {
        return;
      }
      byte[] frame = new byte[total];
      in.readBytes(frame);
      out.add(Frame.decode(frame));
    }
  }

  /** The peer ended its stream: whatever is left is a frame it never finished. */
  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws Exception {
    decode(ctx, in, out);
    if (in.isReadable()) {
      in.skipBytes(in.readableBytes());
      throw new StcException(StcError.CKR_STC_FRAME_INVALID, "stream ended inside a frame");
    }
  }
}
