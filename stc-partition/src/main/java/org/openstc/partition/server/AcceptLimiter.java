package org.openstc.partition.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * On the listening channel: stops accepting while {@code cap} connections are open and resumes
 * when one closes, so the process never runs out of descriptors (an accept past the limit fails
 * with EMFILE, and every later one too while the peers hold theirs). The cap is the descriptor
 * limit less those open when the server starts and {@link #SPARE} for the store, the log and one
 * read's worth of accepts; a peer holding idle connections is handled by the
 * {@link HandshakeGate}, which closes the oldest pending ones so the accepts go on.
 */
@ChannelHandler.Sharable
final class AcceptLimiter extends ChannelInboundHandlerAdapter {
  /** Descriptors left over for the store, log rotation and accepts read in one go. */
  static final int SPARE = 32;

  private final int cap;
  private final AtomicInteger open = new AtomicInteger();

  AcceptLimiter(int cap) {
    this.cap = cap;
  }

  /** The cap for this process now: its descriptor limit less those open and {@link #SPARE}. */
  static int forThisProcess() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      long room = unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - SPARE;
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, room));
    }
    return Integer.MAX_VALUE;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Channel listener = ctx.channel();
    Channel child = (Channel) msg;
    if (open.incrementAndGet() >= cap) {
      listener.config().setAutoRead(false);
    }
    child.closeFuture().addListener(f -> {
      if (open.decrementAndGet() < cap && !listener.config().isAutoRead()) {
        listener.config().setAutoRead(true);
      }
    });
    ctx.fireChannelRead(msg);
  }

  /** Connections accepted and not yet closed. */
  int open() {
    return open.get();
  }

  int cap() {
    return cap;
  }
}
