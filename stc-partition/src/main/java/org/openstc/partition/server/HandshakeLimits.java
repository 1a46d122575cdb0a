package org.openstc.partition.server;

/**
 * What an unauthenticated peer may cost the server (docs/partition-host.md, "Limits"). A connection
 * is <em>pending</em> from the moment it is accepted until ACTIVATE completes or it closes.
 *
 * @param preOpenTimeoutSeconds a connection that has not sent an OPEN naming a partition within
 *     this many seconds of its accept gets REJECT {@code CKR_STC_ACTIVATION_TIMEOUT}; once OPEN
 *     names a partition, that partition's activation timeout applies instead
 * @param maxPending pending connections for the whole server; one more is refused at accept
 * @param maxPerSource pending connections from one source address; one more is refused at accept
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
  public static final int DEFAULT_MAX_PENDING = 256;
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

  /** The documented defaults; one handshake thread per two cores (at least one). */
  public static HandshakeLimits defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new HandshakeLimits(DEFAULT_PRE_OPEN_TIMEOUT_SECONDS, DEFAULT_MAX_PENDING,
        DEFAULT_MAX_PER_SOURCE, Math.max(1, cores / 2));
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
