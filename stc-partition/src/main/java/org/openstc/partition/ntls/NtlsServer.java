package org.openstc.partition.ntls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.openstc.command.CkResult;
import org.openstc.partition.CommandService;
import org.openstc.partition.server.ChannelCloses;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.HostStoreListener;
import org.openstc.partition.store.NtlsSettings;
import org.openstc.partition.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NTLS service: one TCP port (default {@value #DEFAULT_PORT}) where registered clients open
 * TLS links with their pinned certificates (docs/protocol.md Part 3). The pipeline reads top to
 * bottom: TLS (client certificate required, {@link ClientAcceptance}), length-prefixed frames with
 * a hard maximum ({@link LinkFrameDecoder}), then the {@link LinkHandler}, which writes the
 * length prefix of its replies itself ({@link LinkReplies}). A sweep every {@value #SWEEP_MILLIS} ms ends the
 * links whose client was deleted or whose partition was revoked or deleted, by this process or
 * another {@code stcsh}.
 */
public final class NtlsServer implements Closeable {
  public static final int DEFAULT_PORT = 1792;
  /** Simultaneous links, as the vendor's appliance. */
  public static final int MAX_LINKS = 800;
  static final long SWEEP_MILLIS = 500;
  /** Threads for TLS handshake tasks (client checks, which may wait on DNS). */
  static final int TLS_TASK_THREADS = 8;
  /** A policy-37 predicate for hosts whose partitions never force STC (tests of other things). */
  public static final LongPredicate NO_PARTITION_FORCES_STC = serial -> false;
  /** The reason in the closing notice of a link ended because the service stops or restarts. */
  static final String STOPPING = "NTLS service stopping";
  private static final Logger LOG = LoggerFactory.getLogger(NtlsServer.class);

  private final LinkContext context;
  private final SSLContext tls;
  private final NtlsSettings settings;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final ExecutorService workers = Executors.newFixedThreadPool(2, daemon("ntls-worker"));
  /**
   * Runs the TLS engine's delegated tasks, among them the client check with its host-name lookup:
   * a slow DNS holds one of these threads, never an event loop serving established links.
   */
  private final ExecutorService tlsTasks = tlsTaskPool();
  private final ScheduledExecutorService sweeper =
      Executors.newSingleThreadScheduledExecutor(daemon("ntls-sweep"));
  private Channel listener;

  private NtlsServer(HostStore store, SSLContext tls, NtlsSettings settings, LongPredicate forcesStc) {
    this.tls = tls;
    this.settings = settings;
    this.context = new LinkContext(store, new CommandService(store), workers,
        ConcurrentHashMap.newKeySet(), forcesStc, new AtomicBoolean());
  }

  /**
   * Starts the service on {@code port} (0: any free port) with the store's certificate and
   * settings; {@code forcesStc} says whether a partition's policy refuses NTLS (policy 37).
   *
   * @throws StoreException when the host has no server certificate yet ({@code sysconf regenCert})
   */
  public static NtlsServer start(HostStore store, int port, LongPredicate forcesStc)
      throws StoreException, GeneralSecurityException, InterruptedException {
    return start(store, port, forcesStc, name -> false);
  }

  /**
   * As {@link #start(HostStore, int, LongPredicate)}; a client registered {@code -requirehtl} is
   * admitted only while {@code htlUp} says its HTL link is up ({@link HtlServer#isUp}).
   */
  public static NtlsServer start(HostStore store, int port, LongPredicate forcesStc,
      java.util.function.Predicate<String> htlUp)
      throws StoreException, GeneralSecurityException, InterruptedException {
    return start(store, port, forcesStc, htlUp, ClientAcceptance.HostResolver.SYSTEM);
  }

  /** As above, with the resolver of registered host names given (tests: a slow one). */
  static NtlsServer start(HostStore store, int port, LongPredicate forcesStc,
      java.util.function.Predicate<String> htlUp, ClientAcceptance.HostResolver resolver)
      throws StoreException, GeneralSecurityException, InterruptedException {
    NtlsSettings settings = store.ntls().settings();
    SSLContext tls = ServerTls.context(store,
        new ClientAcceptance(store, settings.ipcheck(), htlUp, resolver));
    NtlsServer server = new NtlsServer(store, tls, settings, forcesStc);
    server.bind(port);
    store.addListener(new HostStoreListener() {
      @Override
      public void partitionReinitialized(long serial) {
        server.end(serial, CkResult.CKR_DEVICE_ERROR, "partition " + serial + " re-initialized");
      }
    });
    server.sweeper.scheduleWithFixedDelay(server::sweep, SWEEP_MILLIS, SWEEP_MILLIS,
        TimeUnit.MILLISECONDS);
    return server;
  }

  /**
   * The policy-37 predicate of {@code store}: whether partition policy 37 (force STC) is on, read
   * at each use so a change made while links are open is seen by the next bind and the sweep. A
   * policy that cannot be read counts as forcing STC (the link is refused, not let through).
   */
  public static LongPredicate policy37(HostStore store) {
    return serial -> {
      try {
        return store.policies().forcesStc(serial);
      } catch (StoreException e) {
        return !e.isNotFound(); // a deleted partition is refused by the bind itself
      }
    };
  }

  /**
   * The TLS context of STC inside TLS ({@code service start -stc-tls}, docs/protocol.md 37a): the
   * host's NTLS server certificate, no client certificate (the client is authenticated by STC).
   *
   * @throws StoreException when the host has no server certificate yet ({@code sysconf regenCert})
   */
  public static SSLContext stcInsideTls(HostStore store)
      throws StoreException, GeneralSecurityException {
    return ServerTls.context(store, (javax.net.ssl.TrustManager[]) null);
  }

  private void bind(int port) throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (context.links().size() >= MAX_LINKS) {
              LOG.warn("NTLS: refused {}: {} links open (the maximum)", ch.remoteAddress(), MAX_LINKS);
              ch.close();
              return;
            }
            ServerTls.keepalive(ch, settings);
            InetSocketAddress peer = ch.remoteAddress();
            SSLEngine engine = ServerTls.engine(tls, peer.getAddress().getHostAddress(), peer.getPort());
            SslHandler tlsHandler = new SslHandler(engine, tlsTasks);
            // After its close_notify the host reads on until the client's (or its close): closing
            // with input unread would reset the connection and lose the closing notice.
            tlsHandler.setCloseNotifyReadTimeoutMillis(ChannelCloses.WAIT_MILLIS);
            ch.pipeline().addLast("tls", tlsHandler);
            ch.pipeline().addLast("frames", new LinkFrameDecoder());
            ch.pipeline().addLast("link", new LinkHandler(context));
          }
        });
    listener = b.bind(settings.bind(), port).sync().channel();
    LOG.info("NTLS service listening on {} (ipcheck {})", listener.localAddress(),
        settings.ipcheck() ? "enabled" : "disabled");
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** The settings the service started with. */
  public NtlsSettings settings() {
    return settings;
  }

  /** Links whose TLS handshake completed and that are still open. */
  public int links() {
    return context.links().size();
  }

  /** The open links (tests look at their state). */
  Set<LinkHandler> openLinks() {
    return context.links();
  }

  /** Ends every link of client {@code name} at once (its HTL link went down). */
  public void endClient(String name, CkResult code, String reason) {
    for (LinkHandler l : context.links()) {
      if (l.client() != null && l.client().name().equals(name)) {
        l.end(code, reason);
      }
    }
  }

  private void end(long serial, CkResult code, String reason) {
    for (LinkHandler l : context.links()) {
      if (l.boundSerial() == serial) {
        l.end(code, reason);
      }
    }
  }

  private void sweep() {
    for (LinkHandler l : context.links()) {
      try {
        var now = context.store().ntls().byFingerprint(l.client().fingerprint());
        if (now.isEmpty() || !now.get().name().equals(l.client().name())) {
          l.end(CkResult.CKR_ACTION_PROHIBITED, "client " + l.client().name() + " was deleted");
        } else if (l.boundSerial() >= 0 && (!now.get().partitions().contains(l.boundSerial())
            || context.partition(l.boundSerial()).isEmpty())) {
          l.end(CkResult.CKR_SLOT_ID_INVALID, "partition " + l.boundSerial()
              + " is no longer assigned to client " + l.client().name());
        } else if (l.boundSerial() >= 0 && context.forcesStc().test(l.boundSerial())) {
          l.end(CkResult.CKR_ACTION_PROHIBITED, "partition " + l.boundSerial()
              + " now forces STC (policy 37): NTLS links to it are closed");
        }
      } catch (StoreException | RuntimeException e) {
        LOG.warn("NTLS sweep failed: {}", e.toString());
      }
    }
  }

  /**
   * Closes the port, ends every link with a closing notice and waits until they are closed (at
   * most {@link ChannelCloses#WAIT_MILLIS}), then stops the threads: the event loops are shut down
   * only once the notices are written, since a loop that shuts down drops what is queued to it.
   */
  @Override
  public void close() {
    sweeper.shutdownNow();
    if (listener != null) {
      listener.close().awaitUninterruptibly();
    }
    context.stopping().set(true); // set before the links are read: see LinkHandler
    List<ChannelFuture> closes = context.links().stream()
        .map(l -> l.end(CkResult.CKR_DEVICE_ERROR, STOPPING)).toList();
    int open = ChannelCloses.await(closes);
    if (open > 0) {
      LOG.warn("NTLS: {} links did not take their closing notice within {} ms; closed at once",
          open, ChannelCloses.WAIT_MILLIS);
    }
    group.shutdownGracefully(100, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    workers.shutdown();
    tlsTasks.shutdownNow();
  }

  private static ExecutorService tlsTaskPool() {
    var pool = new java.util.concurrent.ThreadPoolExecutor(TLS_TASK_THREADS, TLS_TASK_THREADS, 30,
        TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), daemon("ntls-tls-task"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
