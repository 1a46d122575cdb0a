package org.openstc.client;

import java.util.List;

/**
 * "Needs sync" of an HA group (docs/ha.md): a member that is away when the group creates or
 * destroys a key misses the change and needs synchronisation until it joins synchronised; a
 * member that joins while synchronisation is off and lacks one of the group's objects needs it
 * too. A listener is told every change (HaGroups keeps them in hagroups.json).
 */
final class HaNeedsSync {
  /** Told when a member starts or stops needing synchronisation. */
  interface Listener {
    void changed(long serial, boolean needsSync);
  }

  private final List<HaMember> members;
  private volatile Listener listener = (serial, needs) -> { };

  HaNeedsSync(List<HaMember> members) {
    this.members = members;
  }

  void listener(Listener l) {
    listener = l;
  }

  boolean any() {
    return members.stream().anyMatch(m -> m.needsSync);
  }

  /** Marks member {@code serial} as needing synchronisation, as recorded before (no listener call). */
  void recorded(long serial) {
    members.stream().filter(m -> m.serial == serial).forEach(m -> m.needsSync = true);
  }

  /** After a key change: every member that is away missed it. */
  void awayMissedIt() {
    members.stream().filter(m -> m.state == HaMember.State.DOWN).forEach(m -> set(m, true));
  }

  /** After {@code m} joined: only a synchronised join clears the mark. */
  void joined(HaMember m, boolean synchronised, boolean holdsTheGroupsObjects) {
    if (synchronised || !holdsTheGroupsObjects) {
      set(m, !holdsTheGroupsObjects);
    }
  }

  private void set(HaMember m, boolean needs) {
    if (m.needsSync != needs) {
      m.needsSync = needs;
      listener.changed(m.serial, needs);
    }
  }
}
