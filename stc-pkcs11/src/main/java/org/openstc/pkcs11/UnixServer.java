package org.openstc.pkcs11;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code stc-p11 serve}: the RPC protocol on a Unix-domain socket, one thread per connected
 * application (at most {@link #MAX_CONNECTIONS}; more are closed at once). The socket file is
 * made owner-only (0600) right after it is created; put it in an owner-only directory (such as
 * {@code $XDG_RUNTIME_DIR}) to leave no window at all.
 */
final class UnixServer implements AutoCloseable {
  static final int MAX_CONNECTIONS = 64;
  private static final Logger LOG = LoggerFactory.getLogger(UnixServer.class);

  private final Path path;
  private final ServerSocketChannel server;
  private final Backends backends;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "stc-p11-connection");
    t.setDaemon(true);
    return t;
  });
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
  private final AtomicInteger active = new AtomicInteger();

  private UnixServer(Path path, ServerSocketChannel server, Backends backends) {
    this.path = path;
    this.server = server;
    this.backends = backends;
  }

  /** Binds {@code path} (a stale socket file there is replaced; any other file is refused). */
  static UnixServer bind(Path path, Backends backends) throws IOException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(path)
          || Files.isSymbolicLink(path)) {
        throw new IOException(path + " exists and is not a socket: not replacing it");
      }
      Files.delete(path);
    }
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      server.bind(UnixDomainSocketAddress.of(path));
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return new UnixServer(path, server, backends);
  }

  Path path() {
    return path;
  }

  /** Connections being served now. */
  int active() {
    return active.get();
  }

  /** Accepts connections until {@link #close()}. */
  void run() throws IOException {
    while (server.isOpen()) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        if (!server.isOpen()) {
          return;
        }
        throw e;
      }
      if (!slots.tryAcquire()) {
        LOG.warn("{} connections already: closing a new one", MAX_CONNECTIONS);
        ch.close();
        continue;
      }
      active.incrementAndGet();
      threads.execute(() -> serve(ch));
    }
  }

  private void serve(SocketChannel ch) {
    try (ch) {
      new RpcConnection(Channels.newInputStream(ch), Channels.newOutputStream(ch), backends)
          .serve();
    } catch (IOException e) {
      LOG.debug("connection ended: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("connection failed", e);
    } finally {
      active.decrementAndGet();
      slots.release();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
    Files.deleteIfExists(path);
  }
}
