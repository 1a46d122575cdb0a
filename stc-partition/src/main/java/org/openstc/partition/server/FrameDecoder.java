package org.openstc.partition.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * Splits the byte stream into STC/1 frames. The header is checked as soon as its 4 bytes arrive
 * (type known, length within that type's bounds, hence never above {@link Wire#MAX_FRAME}), so a
 * hostile length is refused before any body is buffered. Until an ACTIVATE frame has passed, only
 * the handshake's own frames are read, and only at their real sizes (docs/protocol.md 6.4): OPEN
 * up to {@link Wire#MAX_OPEN_BODY}, ACTIVATE up to its table bound; a record or a partition-only
 * type is refused at its header. Until {@link #activated} the bytes held count against the
 * server's budget ({@link HandshakeGate#takeBytes}). After a refusal all input is dropped.
 * Emits {@link Frame}s on heap arrays.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private final HandshakeGate gate;
  private boolean handshake = true;
  private boolean counting = true;
  private boolean refused;
  private int held;

  /** @param gate whose byte budget the bytes of this connection count against until activated */
  FrameDecoder(HandshakeGate gate) {
    this.gate = gate;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    while (!refused && in.readableBytes() >= Wire.FRAME_HEADER) {
      int start = in.readerIndex();
      int bodyLength = in.getUnsignedMedium(start + 1);
      try {
        FrameType type = Frame.checkHeader(in.getByte(start), bodyLength);
        if (handshake) {
          checkHandshakeHeader(type, bodyLength);
        }
      } catch (StcException e) {
        refused = true;
        in.skipBytes(in.readableBytes());
        throw e;
      }
      int total = Wire.FRAME_HEADER + bodyLength;
      if (in.readableBytes() < total) {
        return;
      }
      byte[] frame = new byte[total];
      in.readBytes(frame);
      Frame f = Frame.decode(frame);
      handshake &= f.type() != FrameType.ACTIVATE;
      out.add(f);
    }
    if (refused) {
      in.skipBytes(in.readableBytes());
    }
  }

  /** Section 6.4: before ACTIVATE a partition reads OPEN and ACTIVATE at their real sizes only. */
  private static void checkHandshakeHeader(FrameType type, int bodyLength) throws StcException {
    if (type.isRecord()) {
      throw new StcException(StcError.CKR_STC_NO_CONTEXT,
          "no channel context: " + type + " header before ACTIVATE");
    }
    if (type != FrameType.OPEN && type != FrameType.ACTIVATE) {
      throw new StcException(StcError.CKR_STC_UNEXPECTED_MESSAGE, type + " is not sent by clients");
    }
    if (type == FrameType.OPEN && bodyLength > Wire.MAX_OPEN_BODY) {
      throw new StcException(StcError.CKR_STC_FRAME_INVALID, "OPEN body length " + bodyLength
          + " above the longest OPEN, " + Wire.MAX_OPEN_BODY);
    }
  }

  /**
   * After each read, brings this connection's share of the budget to the bytes it now holds. Over
   * the budget, the bytes are dropped and the connection refused.
   */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    try {
      super.channelRead(ctx, msg);
    } finally {
      account(ctx);
    }
  }

  private void account(ChannelHandlerContext ctx) {
    if (!counting) {
      return;
    }
    ByteBuf buffered = internalBuffer();
    int now = buffered.readableBytes();
    if (now > held && !gate.takeBytes(now - held)) {
      refused = true;
      buffered.skipBytes(now);
      now = held;
      ctx.fireExceptionCaught(new Refusal("limit: pending handshake bytes",
          StcError.CKR_STC_TOO_MANY_CHANNELS, "the host holds too many bytes of handshakes"));
    } else if (now < held) {
      gate.giveBytes(held - now);
    }
    held = now;
    if (refused) {
      stopCounting();
    }
  }

  /** Bytes held for a frame not yet complete. */
  int buffered() {
    return internalBuffer().readableBytes();
  }

  /** The channel is active: its bytes no longer count against the pending budget. */
  void activated() {
    stopCounting();
  }

  private void stopCounting() {
    if (counting) {
      counting = false;
      gate.giveBytes(held);
      held = 0;
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    stopCounting();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    try {
      super.channelInactive(ctx);
    } finally {
      stopCounting();
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
