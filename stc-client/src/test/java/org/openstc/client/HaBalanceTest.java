package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The vendor's balancing rule: fewest outstanding commands; round-robin when equal; standby last. */
class HaBalanceTest {
  private static HaMember member(long serial, boolean standby, HaMember.State state, int outstanding) {
    HaMember m = new HaMember(serial, standby, () -> {
      throw new AssertionError("not opened");
    });
    m.state = state;
    m.outstanding.set(outstanding);
    return m;
  }

  @Test
  void equalCountsGoRoundRobin() {
    List<HaMember> ms = List.of(member(1, false, HaMember.State.ACTIVE, 0),
        member(2, false, HaMember.State.ACTIVE, 0), member(3, false, HaMember.State.ACTIVE, 0));
    long[] order = new long[6];
    for (int turn = 0; turn < 6; turn++) {
      order[turn] = HaBalance.pick(ms, turn).serial;
    }
    assertEquals(List.of(1L, 2L, 3L, 1L, 2L, 3L), java.util.Arrays.stream(order).boxed().toList());
  }

  @Test
  void theLeastBusyWinsWhateverTheTurn() {
    List<HaMember> ms = List.of(member(1, false, HaMember.State.ACTIVE, 4),
        member(2, false, HaMember.State.ACTIVE, 1), member(3, false, HaMember.State.ACTIVE, 2));
    for (int turn = 0; turn < 3; turn++) {
      assertEquals(2, HaBalance.pick(ms, turn).serial);
    }
  }

  @Test
  void downMembersAreSkippedAndStandbyServesOnlyAlone() {
    HaMember standby = member(9, true, HaMember.State.ACTIVE, 0);
    HaMember busy = member(1, false, HaMember.State.ACTIVE, 50);
    HaMember down = member(2, false, HaMember.State.DOWN, 0);
    assertEquals(1, HaBalance.pick(List.of(busy, down, standby), 0).serial);
    busy.state = HaMember.State.DOWN;
    assertEquals(9, HaBalance.pick(List.of(busy, down, standby), 0).serial);
    standby.state = HaMember.State.DOWN;
    assertNull(HaBalance.pick(List.of(busy, down, standby), 0));
  }
}
