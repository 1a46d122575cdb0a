package org.openstc.partition.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;

/**
 * Admits connections into the handshake phase against {@link HandshakeLimits}: at most
 * {@code maxPerSource} pending connections from one source address and {@code maxPending} on the
 * server. At either cap the <em>oldest</em> pending connection (of that source, or of the server)
 * is closed to admit the new one, so idle connections held by a peer cost a bounded number of
 * descriptors and never keep a legitimate client out: its connection is the newest. A source has
 * an entry only while it has a pending connection, so the map never holds more than
 * {@code maxPending} entries whatever the number of sources. Also keeps the budget of bytes that
 * pending connections' frame decoders may hold together ({@code maxBufferedBytes}).
 */
final class HandshakeGate {

  /** Why a pending connection was closed by the gate: the failure kind and its REJECT. */
  enum Admission {
    EVICTED("limit: pending handshakes (oldest closed)", "closed to admit a newer connection: "
        + "the host is at its cap of connections not yet activated"),
    EVICTED_FROM_SOURCE("limit: pending handshakes per source (oldest closed)",
        "closed to admit a newer connection from this address: it is at its cap of connections "
            + "not yet activated");

    final String kind;
    private final String reason;

    Admission(String kind, String reason) {
      this.kind = kind;
      this.reason = reason;
    }

    /** The REJECT the closed connection gets. */
    StcException refusal() {
      return new StcException(StcError.CKR_STC_TOO_MANY_CHANNELS, reason);
    }
  }

  /** One admitted connection's slot; {@code evict} closes that connection (any thread). */
  static final class Ticket {
    final Object source;
    private final java.util.function.Consumer<Admission> evict;

    Ticket(Object source, java.util.function.Consumer<Admission> evict) {
      this.source = source;
      this.evict = evict;
    }
  }

  private final HandshakeLimits limits;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong bufferedBytes = new AtomicLong();
  private final AtomicLong evictions = new AtomicLong();
  /** Guarded by this: pending tickets, oldest first, and their count per source. */
  private final LinkedHashSet<Ticket> oldestFirst = new LinkedHashSet<>();
  private final Map<Object, Integer> perSource = new HashMap<>();

  HandshakeGate(HandshakeLimits limits) {
    this.limits = limits;
  }

  /** The per-source key of {@code remote}: its IP address (any port), else the address itself. */
  static Object sourceOf(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress() : remote;
  }

  /**
   * Takes a slot for a connection from {@code source}. At a cap the oldest pending connection
   * concerned loses its slot and {@code evict} of its ticket is called with the reason (it must
   * only schedule the close). Give the slot back once with {@link #release}.
   */
  Ticket admit(Object source, java.util.function.Consumer<Admission> evict) {
    Ticket victim = null;
    Admission why = null;
    Ticket ticket = new Ticket(source, evict);
    synchronized (this) {
      if (perSource.getOrDefault(source, 0) >= limits.maxPerSource()) {
        victim = oldest(source);
        why = Admission.EVICTED_FROM_SOURCE;
      } else if (pending.get() >= limits.maxPending()) {
        victim = oldest(null);
        why = Admission.EVICTED;
      }
      if (victim != null) {
        free(victim);
      }
      oldestFirst.add(ticket);
      perSource.merge(source, 1, Integer::sum);
      pending.incrementAndGet();
    }
    if (victim != null) {
      evictions.incrementAndGet();
      try {
        victim.evict.accept(why);
      } catch (RejectedExecutionException shuttingDown) {
        // The victim's event loop is closing: so is the victim.
      }
    }
    return ticket;
  }

  /** The oldest pending ticket of {@code source} (any source if null). */
  private Ticket oldest(Object source) {
    for (Iterator<Ticket> it = oldestFirst.iterator(); it.hasNext(); ) {
      Ticket t = it.next();
      if (source == null || source.equals(t.source)) {
        return t;
      }
    }
    return null;
  }

  /** Gives back the slot of an admitted connection (it became active or closed); idempotent. */
  synchronized void release(Ticket ticket) {
    free(ticket);
  }

  private void free(Ticket ticket) {
    if (oldestFirst.remove(ticket)) {
      perSource.computeIfPresent(ticket.source, (k, n) -> n <= 1 ? null : n - 1);
      pending.decrementAndGet();
    }
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

  /** Pending connections closed to admit newer ones since the server started. */
  long evictions() {
    return evictions.get();
  }

  /** Sources that have at least one pending connection. */
  synchronized int sources() {
    return perSource.size();
  }
}
