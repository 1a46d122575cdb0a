package org.openstc.partition.server;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StcError;

/**
 * The channels of each partition: counts for the max-sessions setting, and the live connections
 * (active channels and handshakes past OPEN) so a deregistration or a deleted partition can close
 * them.
 */
final class Sessions {
  private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<Channel, Active> active = new ConcurrentHashMap<>();
  private final Map<Channel, Active> handshaking = new ConcurrentHashMap<>();

  /** Closes one connection with an error; safe to call from any thread. */
  interface Disconnect {
    void disconnect(StcError error, String reason);
  }

  record Active(long serial, PeerIdentity client, Disconnect handler) {}

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

  /** A connection whose OPEN named {@code serial} and authenticated {@code client}. */
  void handshaking(Channel ch, long serial, PeerIdentity client, Disconnect handler) {
    handshaking.put(ch, new Active(serial, client, handler));
  }

  void activated(Channel ch, long serial, PeerIdentity client, RecordHandler handler) {
    active.put(ch, new Active(serial, client, handler));
    handshaking.remove(ch);
  }

  void deactivated(Channel ch) {
    active.remove(ch);
    handshaking.remove(ch);
  }

  int count(long serial) {
    AtomicInteger c = counts.get(serial);
    return c == null ? 0 : c.get();
  }

  int activeCount() {
    return active.size();
  }

  List<Active> matching(Predicate<Active> which) {
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
