package org.openstc.client;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HA group's own object handles: each object identity (label and type) the group knows gets a
 * handle of the group, mapped to each member's handle by {@link HaMember}. Handles are never reused
 * while the group is open.
 */
final class HaHandles {
  private final Map<Long, HaMember.Identity> byHandle = new ConcurrentHashMap<>();
  private final Map<HaMember.Identity, Long> handles = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong(1);

  /** The group's handle for {@code id}, assigned now when the group did not know it. */
  long assign(HaMember.Identity id) {
    return handles.computeIfAbsent(id, i -> {
      long h = next.getAndIncrement();
      byHandle.put(h, i);
      return h;
    });
  }

  /** The group's handle for {@code id}, null when the group does not know it. */
  Long handle(HaMember.Identity id) {
    return handles.get(id);
  }

  /** The identity behind group handle {@code handle}, null when there is none. */
  HaMember.Identity identity(long handle) {
    return byHandle.get(handle);
  }

  /** Every identity the group knows (a live view). */
  Set<HaMember.Identity> known() {
    return handles.keySet();
  }

  void remove(HaMember.Identity id) {
    Long h = handles.remove(id);
    if (h != null) {
      byHandle.remove(h);
    }
  }
}
