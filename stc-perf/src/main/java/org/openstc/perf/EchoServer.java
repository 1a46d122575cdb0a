package org.openstc.perf;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import java.io.Closeable;
import java.util.concurrent.TimeUnit;

/**
 * The reference peers: a Netty echo server over plain TCP or TLS 1.3 ({@code SslHandler}, JDK
 * provider). Messages are length-prefixed (4 bytes); each is echoed as is, except messages of
 * {@link Message#ACK_THRESHOLD} bytes or more, which get an empty message back (bulk figure). Replies
 * are written as they are decoded and flushed once per read batch, as in Netty's echo example.
 */
final class EchoServer implements Closeable {
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup io;
  private final Channel listener;

  EchoServer(SslContext tls, int ioThreads) throws InterruptedException {
    this(tls, ioThreads, ECHO);
  }

  /** A server whose {@code handler} answers each length-prefixed message instead of the echo. */
  EchoServer(SslContext tls, int ioThreads, ChannelHandler handler) throws InterruptedException {
    io = new MultiThreadIoEventLoopGroup(ioThreads, NioIoHandler.newFactory());
    listener = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (tls != null) {
              ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast("frames",
                new LengthFieldBasedFrameDecoder(Message.MAX_MESSAGE + 4, 0, 4, 0, 0));
            ch.pipeline().addLast("echo", handler);
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  int port() {
    return ((java.net.InetSocketAddress) listener.localAddress()).getPort();
  }

  private static final ChannelHandler ECHO = new Echo();

  @ChannelHandler.Sharable
  private static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf frame = (ByteBuf) msg;
      if (frame.readableBytes() - 4 >= Message.ACK_THRESHOLD) {
        frame.release();
        ctx.write(ctx.alloc().buffer(4).writeInt(0));
      } else {
        ctx.write(frame);
      }
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

  @Override
  public void close() {
    listener.close().awaitUninterruptibly();
    io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
