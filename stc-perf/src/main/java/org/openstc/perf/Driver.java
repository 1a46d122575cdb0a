package org.openstc.perf;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load of one client connection, the same for every transport: once the connection is
 * {@link #ready}, it keeps {@code window} messages outstanding, sending one more for each reply;
 * writes made while reading are flushed once per read batch. Stops after {@code limit} replies or
 * when {@link #stop()} is called.
 */
final class Driver extends ChannelInboundHandlerAdapter {
  final Promise<Void> ready = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
  final Promise<Void> done = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
  private final byte[] message;
  private final int window;
  private final long limit;
  private final LongAdder replies;
  private volatile boolean stopped;
  private ChannelHandlerContext ctx;
  private long sent;
  private long received;
  private boolean pendingFlush;
  boolean readyOnActive;

  Driver(byte[] message, int window, long limit, LongAdder replies) {
    this.message = message;
    this.window = window;
    this.limit = limit;
    this.replies = replies;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (readyOnActive) {
      ready.trySuccess(null);
    }
    ctx.fireChannelActive();
  }

  /** Sends the first {@code window} messages. */
  void start() {
    ctx.executor().execute(() -> {
      for (int i = 0; i < window && sent < limit; i++) {
        send();
      }
      ctx.flush();
    });
  }

  void stop() {
    stopped = true;
  }

  io.netty.channel.Channel channel() {
    return ctx.channel();
  }

  private void send() {
    sent++;
    ctx.write(message, ctx.voidPromise());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg);
    received++;
    replies.increment();
    if (received >= limit) {
      done.trySuccess(null);
    }
    if (!stopped && sent < limit) {
      send();
      pendingFlush = true;
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (pendingFlush) {
      pendingFlush = false;
      ctx.flush();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ready.tryFailure(new java.io.IOException("connection closed before it was ready"));
    done.tryFailure(new java.io.IOException("connection closed after " + received + " replies"));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ready.tryFailure(cause);
    done.tryFailure(cause);
    ctx.close();
  }
}
