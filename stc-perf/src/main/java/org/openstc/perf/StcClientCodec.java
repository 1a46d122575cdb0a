package org.openstc.perf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayDeque;
import java.util.List;
import org.openstc.command.ChannelFeatures;
import org.openstc.command.CkResult;
import org.openstc.command.CommandResponse;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.MessageBatch;
import org.openstc.stc.RecordPacker;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.Wire;

/**
 * The STC/1 client on Netty: a frame decoder that drives the sans-IO {@link ClientHandshake} until
 * ACTIVATE completes (and, when given, a login command is answered OK: {@link Driver#ready}), then
 * opens each record and passes its messages on;
 * and a sealer that keeps the {@code byte[]} messages written until the flush and seals them then,
 * one record each or, once the partition agreed to several messages per record
 * (CHANNEL_FEATURES, docs/protocol.md 24a, offered right after ACTIVATE when {@code several}), as
 * few records as {@link RecordPacker} allows.
 */
final class StcClientCodec {
  /** The largest payload of a packed record, as the partition host uses. */
  static final int BATCH_BYTES = 16 * 1024;

  private StcClientCodec() {}

  static final class Decoder extends ByteToMessageDecoder {
    private final ClientHandshake handshake;
    private final Sealer sealer;
    private final Driver driver;
    private final boolean several;
    private byte[] login;
    private StcChannel channel;
    /** The answer to CHANNEL_FEATURES is the next message (the partition answers in order). */
    private boolean featuresPending;

    /** {@code login}: a command sent first and answered before the channel is ready, or null. */
    Decoder(ClientHandshake handshake, Sealer sealer, Driver driver, byte[] login,
        boolean several) {
      this.handshake = handshake;
      this.sealer = sealer;
      this.driver = driver;
      this.login = login;
      this.several = several;
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
          InboundRecord r = channel.open(frame);
          if (r.several()) {
            for (byte[] m : MessageBatch.split(r.payload())) {
              deliver(m, out);
            }
          } else {
            deliver(r.payload(), out);
          }
          continue;
        }
        byte[] reply = handshake.onFrame(frame);
        if (reply != null) {
          ctx.writeAndFlush(Unpooled.wrappedBuffer(reply));
        }
        if (handshake.isActive()) {
          channel = handshake.channel();
          sealer.packer = new RecordPacker(channel, BATCH_BYTES);
          if (several) {
            channel.acceptSeveralPerRecord();
            featuresPending = true;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(channel.seal(ChannelFeatures.request(0,
                ChannelFeatures.SEVERAL_PER_RECORD).encode())));
          }
          if (login == null) {
            driver.ready.trySuccess(null);
          } else {
            ctx.channel().writeAndFlush(login);
          }
        }
      }
    }

    private void deliver(byte[] message, List<Object> out) throws Exception {
      if (featuresPending) {
        featuresPending = false;
        int granted = ChannelFeatures.granted(CommandResponse.decode(message));
        if ((granted & ChannelFeatures.SEVERAL_PER_RECORD) != 0) {
          sealer.packer.packSeveral();
        }
      } else if (login != null) {
        loggedIn(CommandResponse.decode(message));
      } else {
        out.add(message);
      }
    }

    private void loggedIn(CommandResponse r) {
      login = null;
      if (r.result() == CkResult.CKR_OK) {
        driver.ready.trySuccess(null);
      } else {
        driver.ready.tryFailure(new java.io.IOException("login refused: " + r.result() + " "
            + r.message()));
      }
    }
  }

  /** Keeps written messages until the flush, then seals what is queued into shared buffers. */
  static final class Sealer extends ChannelOutboundHandlerAdapter {
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private RecordPacker packer;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (!(msg instanceof byte[])) {
        ctx.write(msg, promise);
        return;
      }
      queue.add((byte[]) msg);
      if (!promise.isVoid()) {
        promise.trySuccess();
      }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      ByteBuf out = null;
      try {
        int len;
        while (packer != null && (len = packer.take(queue)) > 0) {
          if (out != null && out.writableBytes() < len) {
            ctx.write(out, ctx.voidPromise());
            out = null;
          }
          if (out == null) {
            out = ctx.alloc().heapBuffer(Math.max(BATCH_BYTES + 64, len));
          }
          out.writerIndex(out.writerIndex()
              + packer.seal(out.array(), out.arrayOffset() + out.writerIndex()));
        }
      } catch (StcException e) {
        ctx.fireExceptionCaught(e);
      }
      if (out != null) {
        ctx.write(out, ctx.voidPromise());
      }
      ctx.flush();
    }
  }
}
