package org.openstc.perf;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.Closeable;
import java.util.concurrent.TimeUnit;

/** The client side of every figure: one Netty event loop group, TCP_NODELAY, pooled buffers. */
final class PerfClient implements Closeable {
  private final EventLoopGroup group;

  PerfClient(int threads) {
    group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
  }

  /** Connects {@code driver} to {@code target}; wait on {@code driver.ready} before starting. */
  Channel connect(Target target, Driver driver) {
    ChannelFuture f = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) throws Exception {
            target.init(ch, driver);
            ch.pipeline().addLast("driver", driver);
          }
        }).connect("127.0.0.1", target.port);
    f.addListener(c -> {
      if (!c.isSuccess()) {
        driver.ready.tryFailure(c.cause());
      }
    });
    return f.channel();
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
