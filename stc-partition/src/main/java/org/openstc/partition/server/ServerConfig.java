package org.openstc.partition.server;

import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;

/**
 * Host-level server settings (the per-partition ones live in {@code ChannelPolicy}).
 *
 * @param bind where to listen; port 0 picks a free port
 * @param idleTimeoutSeconds an active channel with no traffic for this long is closed (0 = never)
 * @param ioThreads Netty event loops (connection I/O, record sealing and opening)
 * @param workerThreads threads that run commands off the event loop
 * @param handshakes what unauthenticated peers may cost (pre-OPEN timeout, pending caps)
 * @param tls null for plain STC; else every connection is first a TLS server handshake with this
 *     context (STC inside TLS, docs/protocol.md section 37a)
 * @param inlineCrypto whether the partition host may answer single-part crypto with a cached AES
 *     key on the I/O thread (docs/performance.md 2.0.3); off, every command but ECHO runs on a
 *     worker
 * @param inlineBudgetNanos the event-loop time one read batch of a channel may spend on requests
 *     answered inline ({@link InlineBudget}); 0 sends every request to a worker
 */
public record ServerConfig(InetSocketAddress bind, int idleTimeoutSeconds, int ioThreads,
    int workerThreads, HandshakeLimits handshakes, SSLContext tls, boolean inlineCrypto,
    long inlineBudgetNanos) {
  public static final int DEFAULT_PORT = 5656;
  /**
   * Half a millisecond per read batch: a batch of 1 KiB encryptions runs inline whole, a batch of
   * signatures one to a few (an Ed25519 signature takes 60-130 us, an ECDSA P-256 one 150-650 us).
   */
  public static final long DEFAULT_INLINE_BUDGET_NANOS = 500_000;

  public static ServerConfig defaults(String host, int port) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServerConfig(new InetSocketAddress(host, port), 900, cores, Math.max(2, cores * 2),
        HandshakeLimits.defaults(), null, true, DEFAULT_INLINE_BUDGET_NANOS);
  }

  public ServerConfig withIdleTimeoutSeconds(int seconds) {
    return new ServerConfig(bind, seconds, ioThreads, workerThreads, handshakes, tls, inlineCrypto, inlineBudgetNanos);
  }

  public ServerConfig withIoThreads(int threads) {
    return new ServerConfig(bind, idleTimeoutSeconds, threads, workerThreads, handshakes, tls, inlineCrypto, inlineBudgetNanos);
  }

  public ServerConfig withHandshakes(HandshakeLimits limits) {
    return new ServerConfig(bind, idleTimeoutSeconds, ioThreads, workerThreads, limits, tls, inlineCrypto, inlineBudgetNanos);
  }

  /** STC inside TLS with {@code context} (the host's server certificate), or plain with null. */
  public ServerConfig withTls(SSLContext context) {
    return new ServerConfig(bind, idleTimeoutSeconds, ioThreads, workerThreads, handshakes, context, inlineCrypto, inlineBudgetNanos);
  }

  public ServerConfig withInlineCrypto(boolean on) {
    return new ServerConfig(bind, idleTimeoutSeconds, ioThreads, workerThreads, handshakes, tls, on, inlineBudgetNanos);
  }

  /** {@link #inlineBudgetNanos}: 0 answers nothing on the event loop. */
  public ServerConfig withInlineBudgetNanos(long nanos) {
    return new ServerConfig(bind, idleTimeoutSeconds, ioThreads, workerThreads, handshakes, tls,
        inlineCrypto, nanos);
  }

  /** Shorthand for {@code withHandshakes(handshakes().withPreOpenTimeoutSeconds(seconds))}. */
  public ServerConfig withPreOpenTimeoutSeconds(int seconds) {
    return withHandshakes(handshakes.withPreOpenTimeoutSeconds(seconds));
  }
}
