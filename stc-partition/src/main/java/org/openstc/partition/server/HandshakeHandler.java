package org.openstc.partition.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the partition side of OPEN / RETRY / ACTIVATE for one connection admitted by the
 * {@link HandshakeGate}, then replaces itself with a {@link RecordHandler}. The event loop only
 * queues and writes: each frame runs on the handshake executor ({@link HandshakeStep}), one at a
 * time with reading paused, so frames keep their order and nothing behind ACTIVATE is handled
 * before the channel is active (it goes to the record handler). The handshake object is touched
 * by the executor while a frame is in flight, by the event loop otherwise. Enforces the pre-OPEN
 * and activation timeouts, the caps on handshakes past OPEN ({@link Sessions#handshaking}) and,
 * at ACTIVATE only, max sessions; a failure sends REJECT, is counted in the {@link FailureLog} and
 * closes this connection only.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);

  private final ServerContext server;
  private final PendingInput waiting = new PendingInput();
  private PartitionHandshake handshake;
  private ScheduledFuture<?> timeout;
  private long scheduledDeadline;
  private Object source;
  private HandshakeGate.Ticket admitted;
  private boolean busy;
  private boolean done;
  private boolean deadlinePassed;
  private StcException revoked;
  private long leasedSerial = -1;

  HandshakeHandler(ServerContext server) {
    this.server = server;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    source = HandshakeGate.sourceOf(ctx.channel().remoteAddress());
    admitted = server.gate().admit(source,
        why -> ctx.executor().execute(() -> evicted(ctx, why)));
    handshake = new PartitionHandshake(server.provider(), server.resolver(), System.nanoTime(),
        server.config().handshakes().preOpenTimeoutSeconds());
    schedule(ctx, handshake.deadlineNanos());
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    enqueue(ctx, msg);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c = cause instanceof DecoderException && cause.getCause() != null
        ? cause.getCause() : cause;
    if (c instanceof StcException || c instanceof Refusal) {
      enqueue(ctx, c);
    } else if (!done) {
      LOG.debug("handshake connection {} failed: {}", ctx.channel().remoteAddress(), c.toString());
      done = true;
      ctx.close();
    }
  }

  /** End of the client's stream before ACTIVATE: once the frames before it are handled, close. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent && !done) {
      enqueue(ctx, evt);
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  private void enqueue(ChannelHandlerContext ctx, Object item) {
    if (!done) {
      waiting.add(item);
      next(ctx);
    }
  }

  /** Handles what waits, in order, until a frame is in flight or nothing is left. */
  private void next(ChannelHandlerContext ctx) {
    while (!busy && !done) {
      Object item = waiting.poll();
      if (item == null) {
        ctx.channel().config().setAutoRead(true);
        return;
      }
      if (item instanceof Frame frame) {
        dispatch(ctx, frame);
      } else if (item instanceof StcException e) {
        fail(ctx, e.error().name(), e);
      } else if (item instanceof Refusal r) {
        fail(ctx, r.kind, r.reject);
      } else {
        done = true;
        ctx.close();
        ctx.fireUserEventTriggered(item);
      }
    }
  }

  private void dispatch(ChannelHandlerContext ctx, Frame frame) {
    busy = true;
    ctx.channel().config().setAutoRead(false);
    try {
      server.handshakes().execute(() -> {
        if (!ctx.channel().isActive()) {
          return; // the peer left while this waited: spare the DH
        }
        HandshakeStep step = HandshakeStep.run(handshake, frame);
        try {
          ctx.executor().execute(() -> stepDone(ctx, step));
        } catch (RejectedExecutionException shuttingDown) {
          LOG.debug("event loop gone before a handshake step completed");
        }
      });
    } catch (RejectedExecutionException full) {
      busy = false;
      fail(ctx, "limit: handshake queue", new StcException(StcError.CKR_STC_TOO_MANY_CHANNELS,
          "the host has too many handshakes in progress"));
    }
  }

  /** Back on the event loop: writes the step's reply and moves on. */
  private void stepDone(ChannelHandlerContext ctx, HandshakeStep step) {
    busy = false;
    if (done || revoked != null) {
      if (step.active()) {
        handshake.channel().destroy();
      }
      if (!done) {
        handshake.cancel();
        fail(ctx, revoked.error().name(), revoked);
      }
      return;
    }
    try {
      if (step.error() != null) {
        throw step.error();
      }
      if (step.opened()) {
        opened(ctx);
      }
      if (step.active()) {
        acquireSession();
      }
    } catch (StcException e) {
      destroyIfActive(step);
      fail(ctx, e.error().name(), e);
      return;
    } catch (Refusal r) {
      fail(ctx, r.kind, r.reject);
      return;
    } catch (Throwable e) {
      destroyIfActive(step);
      exceptionCaught(ctx, e);
      return;
    }
    if (step.deadline() != scheduledDeadline) {
      schedule(ctx, step.deadline());
    }
    if (step.reply() != null) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(step.reply()));
    }
    if (step.active()) {
      activate(ctx);
    } else if (deadlinePassed) {
      checkDeadline(ctx);
    }
    next(ctx);
  }

  /**
   * OPEN named a partition: the connection joins the partition's handshakes (for revocation and
   * the per-partition and per-client caps) without taking a session slot.
   */
  private void opened(ChannelHandlerContext ctx) throws Refusal {
    Refusal refused = server.sessions().handshaking(ctx.channel(), handshake.endpoint().serial(),
        handshake.client().identity(), (error, reason) -> ctx.executor().execute(
            () -> revoke(ctx, new StcException(error, reason))), server.config().handshakes());
    if (refused != null) {
      handshake.cancel();
      throw refused;
    }
  }

  private void destroyIfActive(HandshakeStep step) {
    if (step.active()) {
      handshake.channel().destroy();
    }
  }

  /** At ACTIVATE, before ACTIVATE_RESPONSE: the channel takes one of max sessions or fails. */
  private void acquireSession() throws StcException {
    long serial = handshake.endpoint().serial();
    int max = handshake.endpoint().policy().maxSessions();
    if (!server.sessions().tryAcquire(serial, max)) {
      throw new StcException(StcError.CKR_STC_TOO_MANY_CHANNELS,
          "partition " + serial + " already has its maximum of " + max + " channels");
    }
    leasedSerial = serial;
  }

  /** Hands the connection to a record handler, with whatever arrived behind ACTIVATE. */
  private void activate(ChannelHandlerContext ctx) {
    done = true;
    timeout.cancel(false);
    releaseGate();
    FrameDecoder frames = ctx.pipeline().get(FrameDecoder.class);
    if (frames != null) {
      frames.activated();
    }
    RecordHandler records = new RecordHandler(server, handshake, leasedSerial);
    leasedSerial = -1;
    ctx.pipeline().replace(this, "records", records);
    LOG.info("channel {} active: partition {} client '{}' ({}) suite {} {}",
        handshake.channel().info().channelId(), handshake.endpoint().serial(),
        handshake.client().label(), handshake.client().identity().fingerprint(),
        handshake.channel().info().suite(), handshake.channel().info().mode());
    waiting.forward(ctx); // after replace() this context forwards to the record handler
    ctx.channel().config().setAutoRead(true);
  }

  private void schedule(ChannelHandlerContext ctx, long deadline) {
    if (timeout != null) {
      timeout.cancel(false);
    }
    scheduledDeadline = deadline;
    long delay = Math.max(0, deadline - System.nanoTime());
    timeout = ctx.executor().schedule(() -> onTimeout(ctx), delay, TimeUnit.NANOSECONDS);
  }

  private void onTimeout(ChannelHandlerContext ctx) {
    if (busy) {
      deadlinePassed = true; // checked once the frame in flight is back
    } else if (!done) {
      checkDeadline(ctx);
    }
  }

  private void checkDeadline(ChannelHandlerContext ctx) {
    deadlinePassed = false;
    try {
      handshake.checkDeadline(System.nanoTime());
      schedule(ctx, handshake.deadlineNanos()); // woken early: wait for the rest
    } catch (StcException e) {
      fail(ctx, e.error().name(), e);
    }
  }

  /**
   * A deregistration or a deleted partition reached this connection between OPEN and ACTIVATE (on
   * the event loop). While a frame is in flight the handshake belongs to the executor: the
   * revocation waits for the step to come back.
   */
  private void revoke(ChannelHandlerContext ctx, StcException e) {
    RecordHandler records = ctx.pipeline().get(RecordHandler.class);
    if (records != null) {
      records.disconnect(e.error(), e.getMessage());
    } else if (busy) {
      revoked = e;
    } else if (!done) {
      handshake.cancel();
      fail(ctx, e.error().name(), e);
    }
  }

  /** The gate gave this connection's slot to a newer one (the host is at its pending cap). */
  private void evicted(ChannelHandlerContext ctx, HandshakeGate.Admission why) {
    admitted = null;
    if (busy) {
      revoked = why.refusal();
    } else if (!done) {
      handshake.cancel();
      fail(ctx, why.kind, why.refusal());
    }
  }

  /** Counts {@code e} under {@code kind}, sends REJECT and closes. */
  private void fail(ChannelHandlerContext ctx, String kind, StcException e) {
    done = true;
    waiting.clear();
    LOG.debug("rejected {}: {}", ctx.channel().remoteAddress(), e.getMessage());
    server.failures().record(kind, source, e.getMessage());
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(PartitionHandshake.reject(e)))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void releaseGate() {
    if (admitted != null) {
      server.gate().release(admitted);
      admitted = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    done = true;
    if (timeout != null) {
      timeout.cancel(false);
    }
    releaseGate();
    if (leasedSerial >= 0) {
      server.sessions().release(leasedSerial);
      leasedSerial = -1;
    }
    server.sessions().deactivated(ctx.channel());
    ctx.fireChannelInactive();
  }
}
