package org.openstc.perf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.List;
import org.openstc.command.CkResult;
import org.openstc.command.CommandResponse;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.StcChannel;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * The STC/1 client on Netty: a frame decoder that drives the sans-IO {@link ClientHandshake} until
 * ACTIVATE completes (and, when given, a login command is answered OK: {@link Driver#ready}), then
 * opens each record and passes its payload on; and
 * a sealer that turns each outbound {@code byte[]} payload into one DATA frame in a pooled heap
 * buffer.
 */
final class StcClientCodec {
  private StcClientCodec() {}

  static final class Decoder extends ByteToMessageDecoder {
    private final ClientHandshake handshake;
    private final Sealer sealer;
    private final Driver driver;
    private byte[] login;
    private StcChannel channel;

    /** {@code login}: a command sent first and answered before the channel is ready, or null. */
    Decoder(ClientHandshake handshake, Sealer sealer, Driver driver, byte[] login) {
      this.handshake = handshake;
      this.sealer = sealer;
      this.driver = driver;
      this.login = login;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.start()));
      super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
        throws Exception {
      while (in.readableBytes() >= Wire.FRAME_HEADER) {
        int start = in.readerIndex();
        int bodyLength = in.getUnsignedMedium(start + 1);
        Frame.checkHeader(in.getByte(start), bodyLength);
        int total = Wire.FRAME_HEADER + bodyLength;
        if (in.readableBytes() < total) {
          return;
        }
        byte[] bytes = new byte[total];
        in.readBytes(bytes);
        Frame frame = Frame.decode(bytes);
        if (channel != null) {
          byte[] payload = channel.open(frame).payload();
          if (login == null) {
            out.add(payload);
          } else {
            loggedIn(CommandResponse.decode(payload));
          }
          continue;
        }
        byte[] reply = handshake.onFrame(frame);
        if (reply != null) {
          ctx.writeAndFlush(Unpooled.wrappedBuffer(reply));
        }
        if (handshake.isActive()) {
          channel = handshake.channel();
          sealer.channel = channel;
          if (login == null) {
            driver.ready.trySuccess(null);
          } else {
            ctx.channel().writeAndFlush(login);
          }
        }
      }
    }

    private void loggedIn(CommandResponse r) {
      login = null;
      if (r.result() == CkResult.CKR_OK) {
        driver.ready.trySuccess(null);
      } else {
        driver.ready.tryFailure(new java.io.IOException("login refused: " + r.result() + " " + r.message()));
      }
    }
  }

  static final class Sealer extends MessageToByteEncoder<byte[]> {
    private StcChannel channel;

    Sealer() {
      super(byte[].class, false);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, byte[] msg, boolean preferDirect) {
      return ctx.alloc().heapBuffer(StcChannel.sealedLength(msg.length));
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] msg, ByteBuf out) throws Exception {
      int n = channel.seal(FrameType.DATA, msg, 0, msg.length, out.array(),
          out.arrayOffset() + out.writerIndex());
      out.writerIndex(out.writerIndex() + n);
    }
  }
}
