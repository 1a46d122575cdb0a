package org.openstc.partition.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * Last in the pipeline: with half-closure allowed (so a cut frame can still be answered), the
 * connection closes here once the peer's stream has ended.
 */
final class EofCloser extends ChannelInboundHandlerAdapter {

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }
}
