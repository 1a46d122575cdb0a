package org.openstc.partition.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openstc.crypto.CryptoProvider;
import org.openstc.stc.PartitionResolver;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StcError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STC/1 server: one TCP port for all partitions, routed by the serial in OPEN. Each connection's
 * pipeline reads top to bottom: TLS when configured (STC inside TLS), idle timeout, frame decoder (hard maximum), handshake handler
 * (pending caps, pre-OPEN and activation timeouts, max sessions; OPEN and ACTIVATE run on the
 * handshake executor, not the event loop), which replaces itself with the record handler once
 * ACTIVATE completes.
 */
public final class StcServer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(StcServer.class);

  private final ServerContext context;
  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  private final ExecutorService workers;
  private final ExecutorService handshakes;
  private final AcceptLimiter accepts = new AcceptLimiter(AcceptLimiter.forThisProcess());
  private Channel listener;

  public StcServer(ServerConfig config, CryptoProvider provider, PartitionResolver resolver,
      ChannelServiceFactory services) {
    this(config, provider, resolver, services, new FailureLog());
  }

  /** With the log of unauthenticated failures given (tests read what it would log). */
  StcServer(ServerConfig config, CryptoProvider provider, PartitionResolver resolver,
      ChannelServiceFactory services, FailureLog failures) {
    this.workers = Executors.newFixedThreadPool(config.workerThreads(),
        daemon("stc-worker", Thread.NORM_PRIORITY));
    HandshakeLimits limits = config.handshakes();
    // Each pending connection has at most one frame in flight, so the queue never fills unless
    // something is wrong; if it does, the connection gets REJECT.
    this.handshakes = new ThreadPoolExecutor(limits.threads(), limits.threads(), 0,
        TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(limits.maxPending()),
        // Below the I/O threads where the OS honours Java priorities (Linux: only with
        // -XX:ThreadPriorityPolicy=1 as root; docs/performance.md 2.12).
        daemon("stc-handshake", Thread.MIN_PRIORITY));
    this.context = new ServerContext(config, provider, resolver, services, new Sessions(), workers,
        handshakes, new HandshakeGate(limits), failures);
    this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    this.io = new MultiThreadIoEventLoopGroup(config.ioThreads(), NioIoHandler.newFactory());
  }

  /** Binds the port; returns once the server accepts connections. */
  public StcServer start() throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap().group(boss, io)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .handler(accepts)
        .childOption(ChannelOption.TCP_NODELAY, true)
        // A peer that half-closes mid-frame still gets REJECT/ALERT before we close.
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (context.config().tls() != null) {
              ch.pipeline().addLast("tls", StcTlsHandlers.server(context.config().tls()));
              ch.pipeline().addLast("tls-failure", new StcTlsHandlers.TlsFailure(context.failures()));
            }
            int idle = context.config().idleTimeoutSeconds();
            if (idle > 0) {
              ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS));
            }
            ch.pipeline().addLast("frames", new FrameDecoder(context.gate()));
            ch.pipeline().addLast("handshake", new HandshakeHandler(context));
            ch.pipeline().addLast("eof", new EofCloser());
          }
        });
    listener = b.bind(context.config().bind()).sync().channel();
    LOG.info("STC server listening on {}", listener.localAddress());
    return this;
  }

  /** The bound address (useful with port 0). */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  public int port() {
    return address().getPort();
  }

  /** Channels that completed ACTIVATE and are still open. */
  public int activeChannels() {
    return context.sessions().activeCount();
  }

  /** Connections accepted that have not completed ACTIVATE (see {@link HandshakeLimits}). */
  public int pendingHandshakes() {
    return context.gate().pending();
  }

  /** Connections open now (any state), and the cap at which accepting pauses. */
  public int openConnections() {
    return accepts.open();
  }

  public int connectionCap() {
    return accepts.cap();
  }

  /** Bytes that connections not yet activated hold in their frame decoders (bounded by the budget). */
  public long pendingBytes() {
    return context.gate().bufferedBytes();
  }

  /**
   * Failures caused by unauthenticated peers since the server started, by kind: the
   * {@code CKR_STC_*} name of each REJECT sent, or {@code limit: ...} for connections refused by a
   * {@link HandshakeLimits} cap.
   */
  public Map<String, Long> handshakeFailures() {
    return context.failures().counts();
  }

  /**
   * Active channels on partition {@code serial}, counted against its max sessions (a handshake
   * takes its slot at ACTIVATE, never before).
   */
  public int sessions(long serial) {
    return context.sessions().count(serial);
  }

  /**
   * Closes, with an ALERT carrying {@code error} (REJECT for a connection between OPEN and
   * ACTIVATE), every connection of partition {@code serial} whose client matches; used when a
   * client is deregistered or its key changes, or the partition is deleted or re-initialized.
   *
   * @return how many channels were told to close
   */
  public int disconnect(long serial, Predicate<PeerIdentity> client, StcError error,
      String reason) {
    List<Sessions.Active> hit = context.sessions()
        .matching(a -> a.serial() == serial && client.test(a.client()));
    hit.forEach(a -> a.handler().disconnect(error, reason));
    return hit.size();
  }

  /**
   * Closes, with an ALERT (or REJECT) carrying {@code error}, every connection past OPEN for
   * which {@code test} answers true given the partition serial and the client identity.
   */
  public int disconnectIf(java.util.function.BiPredicate<Long, PeerIdentity> test, StcError error,
      String reason) {
    List<Sessions.Active> hit = context.sessions()
        .matching(a -> test.test(a.serial(), a.client()));
    hit.forEach(a -> a.handler().disconnect(error, reason));
    return hit.size();
  }

  /**
   * Graceful shutdown: every connection past OPEN gets an ALERT (or REJECT) and is closed; the
   * event loops shut down once those are written, or after {@link ChannelCloses#WAIT_MILLIS}.
   */
  @Override
  public void close() {
    List<Sessions.Active> open = context.sessions().matching(a -> true);
    open.forEach(a -> a.handler().disconnect(StcError.CKR_STC_SHUTTING_DOWN, "host shutting down"));
    if (listener != null) {
      listener.close().awaitUninterruptibly();
    }
    int left = ChannelCloses.await(open.stream().map(a -> a.channel().closeFuture()).toList());
    if (left > 0) {
      LOG.warn("{} channels did not take their ALERT within {} ms; closed at once", left,
          ChannelCloses.WAIT_MILLIS);
    }
    io.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    boss.shutdownGracefully(0, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    workers.shutdown();
    handshakes.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
      handshakes.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name, int priority) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      t.setPriority(priority);
      return t;
    };
  }
}
