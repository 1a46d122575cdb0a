package org.openstc.partition.server;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.openstc.stc.PeerIdentity;

/**
 * The channels of each partition: counts for the max-sessions setting, and the live channels so
 * a deregistration can close them.
 */
final class Sessions {
  private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<Channel, Active> active = new ConcurrentHashMap<>();

  record Active(long serial, PeerIdentity client, RecordHandler handler) {}

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

  void activated(Channel ch, long serial, PeerIdentity client, RecordHandler handler) {
    active.put(ch, new Active(serial, client, handler));
  }

  void deactivated(Channel ch) {
    active.remove(ch);
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
    for (Active a : active.values()) {
      if (which.test(a)) {
        out.add(a);
      }
    }
    return out;
  }
}
