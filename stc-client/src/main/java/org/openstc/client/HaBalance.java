package org.openstc.client;

import java.util.List;

/** The vendor's load-balancing rule for single-part commands (docs/ha.md). */
final class HaBalance {
  private HaBalance() {}

  /**
   * The least-busy active member, the {@code turn}-th on ties (round-robin); standby members only
   * when no other is active; null when none is.
   */
  static HaMember pick(List<HaMember> members, int turn) {
    List<HaMember> live = members.stream().filter(m -> m.state == HaMember.State.ACTIVE && !m.standby).toList();
    if (live.isEmpty()) {
      live = members.stream().filter(m -> m.state == HaMember.State.ACTIVE).toList();
    }
    if (live.isEmpty()) {
      return null;
    }
    int start = Math.floorMod(turn, live.size());
    HaMember best = null;
    for (int i = 0; i < live.size(); i++) {
      HaMember m = live.get((start + i) % live.size());
      if (best == null || m.outstanding.get() < best.outstanding.get()) {
        best = m;
      }
    }
    return best;
  }
}
