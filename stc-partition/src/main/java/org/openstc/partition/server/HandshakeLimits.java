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
 */
public record HandshakeLimits(int preOpenTimeoutSeconds, int maxPending, int maxPerSource,
    int threads) {
  public static final int DEFAULT_PRE_OPEN_TIMEOUT_SECONDS = 10;
  public static final int DEFAULT_MAX_PENDING = 256;
  public static final int DEFAULT_MAX_PER_SOURCE = 64;

  public HandshakeLimits {
    positive("pre-OPEN timeout", preOpenTimeoutSeconds);
    positive("pending handshakes", maxPending);
    positive("pending handshakes per source", maxPerSource);
    positive("handshake threads", threads);
  }

  /** The documented defaults; one handshake thread per two cores (at least one). */
  public static HandshakeLimits defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new HandshakeLimits(DEFAULT_PRE_OPEN_TIMEOUT_SECONDS, DEFAULT_MAX_PENDING,
        DEFAULT_MAX_PER_SOURCE, Math.max(1, cores / 2));
  }

  public HandshakeLimits withPreOpenTimeoutSeconds(int seconds) {
    return new HandshakeLimits(seconds, maxPending, maxPerSource, threads);
  }

  public HandshakeLimits withMaxPending(int n) {
    return new HandshakeLimits(preOpenTimeoutSeconds, n, maxPerSource, threads);
  }

  public HandshakeLimits withMaxPerSource(int n) {
    return new HandshakeLimits(preOpenTimeoutSeconds, maxPending, n, threads);
  }

  public HandshakeLimits withThreads(int n) {
    return new HandshakeLimits(preOpenTimeoutSeconds, maxPending, maxPerSource, n);
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, not " + value);
    }
  }
}
