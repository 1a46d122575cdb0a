package org.openstc.partition.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openstc.command.ChannelFeatures;
import org.openstc.command.CommandResponse;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.MessageBatch;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.RecordPacker;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An active channel: opens each record on the event loop, runs the request on the channel's
 * {@link SerialExecutor} (off the event loop, in order) unless the service answers it at once,
 * nothing of the channel is pending and the read batch has not spent its {@link InlineBudget}
 * (then inline, see {@link ChannelService#handleOnEventLoop}),
 * and seals and writes the reply back on
 * the event loop so that sequence numbers go out in order; replies that are ready together are
 * sealed into one buffer and flushed once, and share records once the client asked for several
 * messages per record with CHANNEL_FEATURES (docs/protocol.md 24a; answered here, not by the
 * service). Any record error sends an ALERT with its code and closes this connection only.
 */
final class RecordHandler extends ChannelInboundHandlerAdapter implements Sessions.Disconnect {
  private static final Logger LOG = LoggerFactory.getLogger(RecordHandler.class);
  /**
   * Replies queued together are sealed into buffers of this size (a larger reply gets its own), and
   * a record packing several replies carries at most this much payload.
   */
  private static final int COALESCE_BYTES = 16 * 1024;

  private final ServerContext server;
  private final StcChannel channel;
  private final long serial;
  private final long leasedSerial;
  private final PartitionHandshake handshake;
  private final SerialExecutor executor;
  private final RecordPacker packer;
  private final InlineBudget inline;
  private ChannelService service;
  private ChannelHandlerContext ctx;
  private volatile boolean closing;
  /** Set by {@link #disconnect}: no further request is served; the running one still answers. */
  private volatile boolean refused;
  /** Replies computed off the event loop, waiting to be sealed in order on it. */
  private final Queue<byte[]> replies = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writeScheduled = new AtomicBoolean();
  /** Replies of requests run inline are written once the current read batch is decoded. */
  private boolean flushOnReadComplete;

  RecordHandler(ServerContext server, PartitionHandshake handshake, long leasedSerial) {
    this.server = server;
    this.handshake = handshake;
    this.channel = handshake.channel();
    this.serial = handshake.endpoint().serial();
    this.leasedSerial = leasedSerial;
    this.executor = new SerialExecutor(server.workers());
    this.packer = new RecordPacker(channel, COALESCE_BYTES);
    this.inline = new InlineBudget(server.config().inlineBudgetNanos());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    service = server.services().open(handshake.endpoint(), handshake.client(), channel.info());
    server.sessions().activated(ctx.channel(), serial, handshake.client().identity(), this);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws StcException {
    if (closing || refused) {
      return;
    }
    InboundRecord record = channel.open((Frame) msg);
    if (record.isClose()) {
      closing = true;
      ctx.close();
      return;
    }
    if (record.several()) {
      // The whole record is checked before any of its requests runs (docs/protocol.md 24a).
      for (byte[] request : MessageBatch.split(record.payload())) {
        dispatch(request);
      }
    } else {
      dispatch(record.payload());
    }
  }

  private void dispatch(byte[] request) {
    if (closing || refused) {
      return;
    }
    if (executor.isIdle() && inline.available()) {
      // Nothing of this channel is queued or running, so the order of replies is kept.
      byte[] reply = inline.run(() -> isFeatures(request) ? handle(request)
          : service.handleOnEventLoop(request));
      if (reply != null) {
        replies.add(reply);
        if (writeScheduled.compareAndSet(false, true)) {
          flushOnReadComplete = true;
        }
        return;
      }
    }
    executor.execute(() -> respond(request));
  }

  private boolean isFeatures(byte[] request) {
    return ChannelFeatures.isRequest(request) && service.allowsSeveralPerRecord();
  }

  private byte[] handle(byte[] request) {
    if (!isFeatures(request)) {
      return service.handle(request);
    }
    CommandResponse answer = ChannelFeatures.answer(request, ChannelFeatures.SEVERAL_PER_RECORD);
    if ((ChannelFeatures.granted(answer) & ChannelFeatures.SEVERAL_PER_RECORD) != 0) {
      // The client accepts packed replies since it asked; it packs its requests once it has
      // this answer, so accepting them now is in time.
      channel.acceptSeveralPerRecord();
      packer.packSeveral();
    }
    return answer.encode();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    inline.readComplete();
    if (flushOnReadComplete) {
      flushOnReadComplete = false;
      writeReplies();
    }
    ctx.fireChannelReadComplete();
  }

  private void respond(byte[] request) {
    if (closing || refused) {
      return;
    }
    replies.add(handle(request));
    if (writeScheduled.compareAndSet(false, true)) {
      ctx.executor().execute(this::writeReplies);
    }
  }

  /**
   * Seals every reply queued so far, in order, into as few records ({@link RecordPacker}) and
   * buffers as possible and flushes once: under load one event-loop task, one buffer and one write
   * system call carry many replies.
   */
  private void writeReplies() {
    writeScheduled.set(false);
    if (closing || !ctx.channel().isActive()) {
      replies.clear();
      return;
    }
    ByteBuf out = null;
    try {
      int len;
      while ((len = packer.take(replies)) > 0) {
        if (out != null && out.writableBytes() < len) {
          ctx.write(out, ctx.voidPromise());
          out = null;
        }
        if (out == null) {
          out = ctx.alloc().heapBuffer(Math.max(COALESCE_BYTES + 64, len));
        }
        int n = packer.seal(out.array(), out.arrayOffset() + out.writerIndex());
        out.writerIndex(out.writerIndex() + n);
      }
      if (out != null) {
        ctx.write(out, ctx.voidPromise());
        out = null;
      }
      ctx.flush();
    } catch (StcException e) {
      if (out != null) {
        out.release();
      }
      fail(e);
    }
  }

  /**
   * Sends an ALERT with {@code error} and closes; safe to call from any thread. From now on no
   * request is served; a request already running (e.g. the PARTITION_INIT that caused this) still
   * gets its reply, which goes out before the ALERT.
   */
  @Override
  public void disconnect(StcError error, String reason) {
    refused = true;
    executor.execute(() -> ctx.executor().execute(() -> fail(new StcException(error, reason))));
  }

  private void fail(StcException e) {
    if (closing) {
      return;
    }
    closing = true;
    LOG.info("channel {} closed: {}", channel.info().channelId(), e.getMessage());
    if (channel.isClosed()) {
      // The peer's ALERT or CLOSE ended the channel (docs/protocol.md 18.2): close, never answer.
      ctx.close();
      return;
    }
    try {
      byte[] alert = channel.alert(e.error(), e.error().reason());
      ctx.writeAndFlush(io.netty.buffer.Unpooled.wrappedBuffer(alert))
          .addListener(ChannelFutureListener.CLOSE);
    } catch (StcException | RuntimeException failed) {
      ctx.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      fail(new StcException(StcError.CKR_STC_IDLE_TIMEOUT, "channel idle for "
          + server.config().idleTimeoutSeconds() + " s"));
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c = cause instanceof DecoderException && cause.getCause() != null
        ? cause.getCause() : cause;
    if (c instanceof StcException) {
      fail((StcException) c);
    } else {
      LOG.debug("channel {} failed: {}", channel.info().channelId(), c.toString());
      closing = true;
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    server.sessions().deactivated(ctx.channel());
    if (leasedSerial >= 0) {
      server.sessions().release(leasedSerial);
    }
    executor.execute(() -> {
      service.closed();
      channel.destroy();
    });
    ctx.fireChannelInactive();
  }
}
