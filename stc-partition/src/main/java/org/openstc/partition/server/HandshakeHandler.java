package org.openstc.partition.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the partition side of OPEN / RETRY / ACTIVATE for one connection, enforces the activation
 * timeout (first byte to ACTIVATE) and the partition's max sessions, then replaces itself with a
 * {@link RecordHandler}. Any failure sends REJECT with its code and closes only this connection.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

  private final ServerContext server;
  private PartitionHandshake handshake;
  private ScheduledFuture<?> timeout;
  private long leasedSerial = -1;

  HandshakeHandler(ServerContext server) {
    this.server = server;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    handshake = new PartitionHandshake(server.provider(), server.resolver(), System.nanoTime(),
        server.config().defaultActivationTimeoutSeconds());
    scheduleTimeout(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws StcException {
    Frame frame = (Frame) msg;
    if (handshake.state() == PartitionHandshake.State.FAILED) {
      return;
    }
    handshake.checkDeadline(System.nanoTime());
    PartitionHandshake.State before = handshake.state();
    byte[] reply = handshake.onFrame(frame);
    if (before == PartitionHandshake.State.AWAIT_OPEN
        && handshake.state() == PartitionHandshake.State.AWAIT_ACTIVATE) {
      acquireSession();
      scheduleTimeout(ctx);
      server.sessions().handshaking(ctx.channel(), leasedSerial,
          handshake.client().identity(), (error, reason) -> ctx.executor().execute(
              () -> disconnect(ctx, new StcException(error, reason))));
    }
    if (reply != null) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(reply));
    }
    if (handshake.isActive()) {
      activate(ctx);
    }
  }

  private void acquireSession() throws StcException {
    long serial = handshake.endpoint().serial();
    int max = handshake.endpoint().policy().maxSessions();
    if (!server.sessions().tryAcquire(serial, max)) {
      throw new StcException(StcError.CKR_STC_TOO_MANY_CHANNELS,
          "partition " + serial + " already has its maximum of " + max + " channels");
    }
    leasedSerial = serial;
  }

  private void activate(ChannelHandlerContext ctx) {
    timeout.cancel(false);
    RecordHandler records = new RecordHandler(server, handshake, leasedSerial);
    leasedSerial = -1;
    ctx.pipeline().replace(this, "records", records);
    LOG.info("channel {} active: partition {} client '{}' ({}) suite {} {}",
        handshake.channel().info().channelId(), handshake.endpoint().serial(),
        handshake.client().label(), handshake.client().identity().fingerprint(),
        handshake.channel().info().suite(), handshake.channel().info().mode());
  }

  private void scheduleTimeout(ChannelHandlerContext ctx) {
    if (timeout != null) {
      timeout.cancel(false);
    }
    long delay = Math.max(0, handshake.deadlineNanos() - System.nanoTime());
    timeout = ctx.executor().schedule(() -> onTimeout(ctx), delay, TimeUnit.NANOSECONDS);
  }

  private void onTimeout(ChannelHandlerContext ctx) {
    try {
      handshake.checkDeadline(System.nanoTime());
    } catch (StcException e) {
      reject(ctx, e);
    }
  }

  /** End of the client's stream before ACTIVATE: REJECT was sent if a frame was cut; close. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent
        && handshake.state() != PartitionHandshake.State.FAILED) {
      ctx.close();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c = cause instanceof DecoderException && cause.getCause() != null
        ? cause.getCause() : cause;
    if (c instanceof StcException) {
      reject(ctx, (StcException) c);
    } else {
      LOG.debug("handshake connection {} failed: {}", ctx.channel().remoteAddress(), c.toString());
      ctx.close();
    }
  }

  /** A deregistration or deleted partition reached a connection between OPEN and ACTIVATE. */
  private void disconnect(ChannelHandlerContext ctx, StcException e) {
    RecordHandler records = ctx.pipeline().get(RecordHandler.class);
    if (records != null) {
      records.disconnect(e.error(), e.getMessage());
    } else if (handshake.state() != PartitionHandshake.State.FAILED) {
      handshake.cancel();
      reject(ctx, e);
    }
  }

  private void reject(ChannelHandlerContext ctx, StcException e) {
    LOG.info("rejected {}: {}", ctx.channel().remoteAddress(), e.getMessage());
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(PartitionHandshake.reject(e))).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timeout != null) {
      timeout.cancel(false);
    }
    if (leasedSerial >= 0) {
      server.sessions().release(leasedSerial);
      leasedSerial = -1;
    }
    server.sessions().deactivated(ctx.channel());
    ctx.fireChannelInactive();
  }
}
