package org.openstc.partition.ntls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.openstc.command.HtlBodies;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.HtlState;
import org.openstc.partition.store.NtlsSettings;
import org.openstc.partition.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTL service (docs/protocol.md Part 4): TLS as NTLS on its own port (default
 * {@value HtlBodies#DEFAULT_PORT}), then the PROVE/ACCEPT/CONFIRM exchanges of {@link HtlHandler}.
 * It knows which clients have their link up ({@link #isUp}, the NTLS admission rule) and tells
 * {@code onDown} the instant a link goes down, so the NTLS service ends that client's links.
 * Refusals and link changes are appended to {@code audit.log} in the host home.
 */
public final class HtlServer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(HtlServer.class);

  private final HostStore store;
  private final SSLContext tls;
  private final NtlsSettings settings;
  private final Duration silence;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  final ExecutorService workers = Executors.newFixedThreadPool(1, r -> {
    Thread t = new Thread(r, "htl-worker");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, HtlHandler> up = new ConcurrentHashMap<>();
  private volatile Consumer<String> onDown = name -> {};
  private Channel listener;

  private HtlServer(HostStore store, SSLContext tls, NtlsSettings settings, Duration silence) {
    this.silence = silence;
    this.store = store;
    this.tls = tls;
    this.settings = settings;
  }

  /**
   * Starts the service on {@code port} (0: any free port). Links recorded as up by an earlier run
   * are marked down now, so their grace period runs from this start.
   */
  public static HtlServer start(HostStore store, int port)
      throws StoreException, GeneralSecurityException, InterruptedException {
    return start(store, port, Duration.ofMillis(HtlState.SILENT_MILLIS));
  }

  /**
   * {@link #start(HostStore, int)} ending a link that stays silent for {@code silence} (the
   * service's default is {@link HtlState#SILENT_MILLIS}: 3 of the longest polling interval).
   */
  public static HtlServer start(HostStore store, int port, Duration silence)
      throws StoreException, GeneralSecurityException, InterruptedException {
    NtlsSettings settings = store.ntls().settings();
    long now = System.currentTimeMillis();
    for (HtlState s : store.htl().list()) {
      store.htl().linkDown(s.client(), now);
    }
    SSLContext tls = ServerTls.context(store, new ClientAcceptance(store, settings.ipcheck()));
    HtlServer server = new HtlServer(store, tls, settings, silence);
    server.bind(port);
    return server;
  }

  private void bind(int port) throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            InetSocketAddress peer = ch.remoteAddress();
            ch.pipeline().addLast("tls", new SslHandler(
                ServerTls.engine(tls, peer.getAddress().getHostAddress(), peer.getPort())));
            ch.pipeline().addLast("silent", new ReadTimeoutHandler(silence.toMillis(),
                TimeUnit.MILLISECONDS));
            ch.pipeline().addLast("frames", new LengthFieldBasedFrameDecoder(
                4 + HtlBodies.MAX_MESSAGE, 0, 4, 0, 4));
            ch.pipeline().addLast("length", new LengthFieldPrepender(4));
            ch.pipeline().addLast("htl", new HtlHandler(HtlServer.this));
          }
        });
    listener = b.bind(settings.bind(), port).sync().channel();
    LOG.info("HTL service listening on {}", listener.localAddress());
  }

  /** Called with a client's name the instant its HTL link goes down. */
  public void onDown(Consumer<String> action) {
    this.onDown = action;
  }

  /** Whether client {@code name}'s HTL link is up on this service. */
  public boolean isUp(String name) {
    return up.containsKey(name);
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  HostStore store() {
    return store;
  }

  /** {@code h} confirmed an exchange: the client's link is up there; an older one is ended. */
  void linkUp(String name, HtlHandler h) {
    HtlHandler old = up.put(name, h);
    if (old == null) {
      audit("HTL link of client " + name + " up from " + h.peer());
    } else if (old != h) {
      audit("HTL link of client " + name + " moved from " + old.peer() + " to " + h.peer());
      old.close();
    }
  }

  /** {@code h} closed: if it carried the client's link, the link is down now. */
  void closed(String name, HtlHandler h) {
    if (name == null || !up.remove(name, h)) {
      return;
    }
    onDown.accept(name);
    audit("HTL link of client " + name + " down (" + h.peer() + ")");
    try {
      store.htl().linkDown(name, System.currentTimeMillis());
    } catch (StoreException e) {
      LOG.warn("HTL: cannot record the link of {} as down: {}", name, e.getMessage());
    }
  }

  /** Logs {@code line} and appends it to {@code audit.log} in the host home (owner-only). */
  void audit(String line) {
    String stamped = Instant.now() + " " + line.replace('\n', ' ');
    LOG.warn(stamped);
    Path file = store.home().resolve("audit.log");
    synchronized (this) {
      try {
        if (!Files.exists(file)) {
          OwnerOnlyFiles.write(file, new byte[0]);
        }
        Files.writeString(file, stamped + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      } catch (IOException e) {
        LOG.error("HTL: cannot append to {}: {}", file, e.toString());
      }
    }
  }

  @Override
  public void close() {
    if (listener != null) {
      listener.close().awaitUninterruptibly();
    }
    up.values().forEach(HtlHandler::close);
    group.shutdownGracefully(0, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
    workers.shutdown();
  }
}
