package org.openstc.partition.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;

/**
 * Admits connections into the handshake phase against {@link HandshakeLimits}: at most
 * {@code maxPending} pending connections on the server and {@code maxPerSource} from one source
 * address. A source has an entry only while it has a pending connection, so the map never holds
 * more than {@code maxPending} entries whatever the number of sources. Also keeps the budget of
 * bytes that pending connections' frame decoders may hold together ({@code maxBufferedBytes}).
 */
final class HandshakeGate {

  /** The answer to a new connection, with the failure kind of a refusal. */
  enum Admission {
    ADMITTED(null, null),
    SERVER_FULL("limit: pending handshakes", "the host has too many handshakes in progress"),
    SOURCE_FULL("limit: pending handshakes per source",
        "too many handshakes in progress from this address");

    final String kind;
    private final String reason;

    Admission(String kind, String reason) {
      this.kind = kind;
      this.reason = reason;
    }

    /** The REJECT a refused connection gets. */
    StcException refusal() {
      return new StcException(StcError.CKR_STC_TOO_MANY_CHANNELS, reason);
    }
  }

  private final HandshakeLimits limits;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong bufferedBytes = new AtomicLong();
  private final Map<Object, Integer> perSource = new ConcurrentHashMap<>();

  HandshakeGate(HandshakeLimits limits) {
    this.limits = limits;
  }

  /** The per-source key of {@code remote}: its IP address (any port), else the address itself. */
  static Object sourceOf(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress() : remote;
  }

  /** Takes a slot for a connection from {@code source}; call {@link #release} once if admitted. */
  Admission admit(Object source) {
    if (pending.incrementAndGet() > limits.maxPending()) {
      pending.decrementAndGet();
      return Admission.SERVER_FULL;
    }
    boolean[] taken = new boolean[1];
    perSource.compute(source, (k, n) -> {
      int count = n == null ? 0 : n;
      if (count >= limits.maxPerSource()) {
        return n;
      }
      taken[0] = true;
      return count + 1;
    });
    if (!taken[0]) {
      pending.decrementAndGet();
      return Admission.SOURCE_FULL;
    }
    return Admission.ADMITTED;
  }

  /** Gives back the slot of an admitted connection (it became active or closed). */
  void release(Object source) {
    perSource.computeIfPresent(source, (k, n) -> n <= 1 ? null : n - 1);
    pending.decrementAndGet();
  }

  /** Reserves {@code n} more buffered bytes for a pending connection; false over the budget. */
  boolean takeBytes(int n) {
    long after = bufferedBytes.addAndGet(n);
    if (after > limits.maxBufferedBytes()) {
      bufferedBytes.addAndGet(-n);
      return false;
    }
    return true;
  }

  /** Returns bytes reserved by {@link #takeBytes}. */
  void giveBytes(int n) {
    bufferedBytes.addAndGet(-n);
  }

  /** Bytes pending connections hold in their frame decoders. */
  long bufferedBytes() {
    return bufferedBytes.get();
  }

  /** Pending connections on the whole server. */
  int pending() {
    return pending.get();
  }

  /** Sources that have at least one pending connection. */
  int sources() {
    return perSource.size();
  }
}
