package org.openstc.partition.server;

/**
 * What an unauthenticated peer may cost the server (docs/partition-host.md, "Limits"). A connection
 * is <em>pending</em> from the moment it is accepted until ACTIVATE completes or it closes.
 *
 * @param preOpenTimeoutSeconds a connection that has not sent an OPEN naming a partition within
 *     this many seconds of its accept gets REJECT {@code CKR_STC_ACTIVATION_TIMEOUT}; once OPEN
 *     names a partition, that partition's activation timeout applies instead
 * @param maxPending pending connections for the whole server; one more closes the oldest pending
 *     connection (default: {@link #pendingFor} the process's descriptor limit)
 * @param maxPerSource pending connections from one source address; one more closes the oldest
 *     pending connection of that address
 * @param threads threads that run OPEN and ACTIVATE (store lookup, key unwrap, DH) off the event
 *     loop
 * @param maxPerPartition connections past OPEN but not yet activated on one partition; one more
 *     OPEN gets REJECT (they hold no session slot: that is taken at ACTIVATE)
 * @param maxPerClient connections past OPEN but not yet activated by one client identity on one
 *     partition; one more OPEN of that client closes the oldest of them (a replayed OPEN never
 *     activates, so the newest is the one worth keeping)
 * @param maxBufferedBytes bytes all pending connections together may hold in their frame decoders;
 *     the connection whose bytes would pass it gets REJECT and its bytes are dropped
 */
public record HandshakeLimits(int preOpenTimeoutSeconds, int maxPending, int maxPerSource,
    int threads, int maxPerPartition, int maxPerClient, int maxBufferedBytes) {
  public static final int DEFAULT_PRE_OPEN_TIMEOUT_SECONDS = 10;
  /** The pending cap when the descriptor limit cannot be read. */
  public static final int DEFAULT_MAX_PENDING = 256;
  /** Descriptors kept for the process itself (jars, store, epoll, pipes) before any connection. */
  public static final int FD_RESERVE = 64;
  /** The largest pending cap derived from the descriptor limit. */
  public static final int MAX_DERIVED_PENDING = 1024;
  public static final int DEFAULT_MAX_PER_SOURCE = 64;
  public static final int DEFAULT_MAX_PER_PARTITION = 128;
  public static final int DEFAULT_MAX_PER_CLIENT = 32;
  public static final int DEFAULT_MAX_BUFFERED_BYTES = 8 << 20;

  public HandshakeLimits {
    positive("pre-OPEN timeout", preOpenTimeoutSeconds);
    positive("pending handshakes", maxPending);
    positive("pending handshakes per source", maxPerSource);
    positive("handshake threads", threads);
    positive("pending handshakes per partition", maxPerPartition);
    positive("pending handshakes per client", maxPerClient);
    positive("pending handshake bytes", maxBufferedBytes);
  }

  /** The first four limits given, the others at their defaults. */
  public HandshakeLimits(int preOpenTimeoutSeconds, int maxPending, int maxPerSource,
      int threads) {
    this(preOpenTimeoutSeconds, maxPending, maxPerSource, threads, DEFAULT_MAX_PER_PARTITION,
        DEFAULT_MAX_PER_CLIENT, DEFAULT_MAX_BUFFERED_BYTES);
  }

  /**
   * The documented defaults: the pending cap {@link #pendingFor} this process's descriptor limit,
   * one handshake thread per two cores (at least one).
   */
  public static HandshakeLimits defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new HandshakeLimits(DEFAULT_PRE_OPEN_TIMEOUT_SECONDS, pendingFor(maxFileDescriptors()),
        DEFAULT_MAX_PER_SOURCE, Math.max(1, cores / 2));
  }

  /**
   * The pending cap for a process allowed {@code maxFds} descriptors: half of what is left after
   * {@link #FD_RESERVE}, so the other half stays for authenticated channels, between 16 and
   * {@link #MAX_DERIVED_PENDING}; {@link #DEFAULT_MAX_PENDING} if the limit is unknown (below 0).
   */
  public static int pendingFor(long maxFds) {
    if (maxFds < 0) {
      return DEFAULT_MAX_PENDING;
    }
    return (int) Math.max(16, Math.min(MAX_DERIVED_PENDING, (maxFds - FD_RESERVE) / 2));
  }

  /** This process's descriptor limit (RLIMIT_NOFILE as the JVM sees it), -1 if unknown. */
  public static long maxFileDescriptors() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount() : -1;
  }

  public HandshakeLimits withPreOpenTimeoutSeconds(int seconds) {
    return new HandshakeLimits(seconds, maxPending, maxPerSource, threads, maxPerPartition,
        maxPerClient, maxBufferedBytes);
  }

  public HandshakeLimits withMaxPending(int n) {
    return new HandshakeLimits(preOpenTimeoutSeconds, n, maxPerSource, threads, maxPerPartition,
        maxPerClient, maxBufferedBytes);
  }

  public HandshakeLimits withMaxPerSource(int n) {
    return new HandshakeLimits(preOpenTimeoutSeconds, maxPending, n, threads, maxPerPartition,
        maxPerClient, maxBufferedBytes);
  }

  public HandshakeLimits withThreads(int n) {
    return new HandshakeLimits(preOpenTimeoutSeconds, maxPending, maxPerSource, n,
        maxPerPartition, maxPerClient, maxBufferedBytes);
  }

  /** Per-partition and per-client caps on connections past OPEN that have not activated. */
  public HandshakeLimits withMaxOpened(int perPartition, int perClient) {
    return new HandshakeLimits(preOpenTimeoutSeconds, maxPending, maxPerSource, threads,
        perPartition, perClient, maxBufferedBytes);
  }

  public HandshakeLimits withMaxBufferedBytes(int bytes) {
    return new HandshakeLimits(preOpenTimeoutSeconds, maxPending, maxPerSource, threads,
        maxPerPartition, maxPerClient, bytes);
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, not " + value);
    }
  }
}
