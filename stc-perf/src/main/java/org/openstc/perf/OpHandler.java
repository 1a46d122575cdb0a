package org.openstc.perf;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.security.GeneralSecurityException;

/**
 * Figure r's TLS peer: each length-prefixed message names a {@link CommandOp} and carries its
 * data; the answer is the operation's result, length-prefixed, computed on the I/O thread (a TLS
 * server with no hop to a worker: the cheaper design) and flushed once per read batch.
 */
@ChannelHandler.Sharable
final class OpHandler extends ChannelInboundHandlerAdapter {
  private final LocalOps ops;

  OpHandler(LocalOps ops) {
    this.ops = ops;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws GeneralSecurityException {
    ByteBuf frame = (ByteBuf) msg;
    byte[] data;
    CommandOp op;
    try {
      frame.skipBytes(4);
      op = CommandOp.of(frame.readByte());
      data = new byte[frame.readableBytes()];
      frame.readBytes(data);
    } finally {
      frame.release();
    }
    byte[] result = ops.run(op, data);
    ctx.write(ctx.alloc().buffer(4 + result.length).writeInt(result.length).writeBytes(result));
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
