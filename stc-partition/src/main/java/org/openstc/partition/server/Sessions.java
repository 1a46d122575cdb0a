package org.openstc.partition.server;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StcError;

/**
 * The channels of each partition: counts of active channels for the max-sessions setting (a slot
 * is taken at ACTIVATE, never by a handshake), the handshakes past OPEN with their own
 * per-partition and per-client caps, and the live connections of both kinds so a deregistration
 * or a deleted partition can close them.
 */
final class Sessions {
  private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<Channel, Active> active = new ConcurrentHashMap<>();
  /** Past OPEN, not yet active, oldest first; guarded by {@code this}. */
  private final Map<Channel, Active> handshaking = new LinkedHashMap<>();

  /** Closes one connection with an error; safe to call from any thread. */
  interface Disconnect {
    void disconnect(StcError error, String reason);
  }

  /** One connection past OPEN; {@code channel} is there for its close future. */
  record Active(Channel channel, long serial, PeerIdentity client, Disconnect handler) {}

  /** Reserves a slot on {@code serial}; false if {@code max} are already taken. */
  boolean tryAcquire(long serial, int max) {
    AtomicInteger c = counts.computeIfAbsent(serial, s -> new AtomicInteger());
    while (true) {
      int n = c.get();
      if (n >= max) {
        return false;
      }
      if (c.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  void release(long serial) {
    AtomicInteger c = counts.get(serial);
    if (c != null) {
      c.decrementAndGet();
    }
  }

  /**
   * Records a connection whose OPEN named {@code serial} and authenticated {@code client}, within
   * {@code limits}: over the per-partition cap it is refused; over the per-client cap the oldest
   * handshake of that client on that partition is closed to make room (a replayed OPEN can never
   * activate, so the newest is the one worth keeping).
   *
   * @return null if recorded, else the refusal to send
   */
  synchronized Refusal handshaking(Channel ch, long serial, PeerIdentity client,
      Disconnect handler, HandshakeLimits limits) {
    int onPartition = 0;
    Channel oldestOfClient = null;
    int ofClient = 0;
    for (Map.Entry<Channel, Active> e : handshaking.entrySet()) {
      Active a = e.getValue();
      if (a.serial() == serial) {
        onPartition++;
        if (a.client().equals(client)) {
          ofClient++;
          oldestOfClient = oldestOfClient == null ? e.getKey() : oldestOfClient;
        }
      }
    }
    if (ofClient >= limits.maxPerClient()) {
      handshaking.remove(oldestOfClient).handler().disconnect(StcError.CKR_STC_TOO_MANY_CHANNELS,
          "superseded by a newer handshake of the same client");
    } else if (onPartition >= limits.maxPerPartition()) {
      return new Refusal("limit: opened handshakes per partition",
          StcError.CKR_STC_TOO_MANY_CHANNELS, "partition " + serial + " already has "
          + onPartition + " handshakes awaiting ACTIVATE");
    }
    handshaking.put(ch, new Active(ch, serial, client, handler));
    return null;
  }

  synchronized void activated(Channel ch, long serial, PeerIdentity client,
      RecordHandler handler) {
    active.put(ch, new Active(ch, serial, client, handler));
    handshaking.remove(ch);
  }

  synchronized void deactivated(Channel ch) {
    active.remove(ch);
    handshaking.remove(ch);
  }

  /** Handshakes past OPEN that have not activated, on partition {@code serial}. */
  synchronized int handshaking(long serial) {
    return (int) handshaking.values().stream().filter(a -> a.serial() == serial).count();
  }

  int count(long serial) {
    AtomicInteger c = counts.get(serial);
    return c == null ? 0 : c.get();
  }

  int activeCount() {
    return active.size();
  }

  synchronized List<Active> matching(Predicate<Active> which) {
    List<Active> out = new ArrayList<>();
    for (Map<Channel, Active> m : List.of(active, handshaking)) {
      for (Active a : m.values()) {
        if (which.test(a)) {
          out.add(a);
        }
      }
    }
    return out;
  }
}
