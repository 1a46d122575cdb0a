package org.openstc.client;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;

/**
 * Sends an HA group's commands to its members (docs/ha.md, "What each command does"): a
 * single-part command to the least-busy eligible member, re-sent to another when that member fails
 * (connection loss, timeout, partition gone), so the caller sees latency, never an error, while
 * one member lives; a session command to every active member. Counts the failovers.
 */
final class HaDispatch {
  /** A command on one member's slot. */
  interface Op<T> {
    T run(Slot slot, HaMember member) throws StcClientException;
  }

  private final String label;
  private final List<HaMember> members;
  private final BooleanSupplier loggedIn;
  private final Runnable everyMemberLost;
  private final AtomicInteger roundRobin = new AtomicInteger();
  private final AtomicLong failovers = new AtomicLong();

  HaDispatch(String label, List<HaMember> members, BooleanSupplier loggedIn, Runnable everyMemberLost) {
    this.label = label;
    this.members = members;
    this.loggedIn = loggedIn;
    this.everyMemberLost = everyMemberLost;
  }

  long failovers() {
    return failovers.get();
  }

  /** {@code op} on the least-busy {@code eligible} member, re-sent to another when the member fails. */
  <T> T balanced(Predicate<HaMember> eligible, Op<T> op) throws StcClientException {
    while (true) {
      HaMember m = pick(eligible);
      Slot s = m.slot;
      m.outstanding.incrementAndGet();
      try {
        if (s == null) {
          throw new StcClientException(StcClientException.Kind.CHANNEL, "member dropped", null);
        }
        return op.run(s, m);
      } catch (StcClientException e) {
        if (!HaSync.isMemberFailure(e)) {
          throw e;
        }
        memberFailed(m, e);
      } finally {
        m.outstanding.decrementAndGet();
      }
    }
  }

  /** Runs {@code op} on every active member (session commands: PIN change, rekey). */
  void onEveryMember(Op<Void> op) throws StcClientException {
    for (HaMember m : members) {
      Slot s = m.slot;
      if (m.state == HaMember.State.ACTIVE && s != null) {
        try {
          op.run(s, m);
        } catch (StcClientException e) {
          if (!HaSync.isMemberFailure(e)) {
            throw e;
          }
          memberFailed(m, e);
        }
      }
    }
  }

  /**
   * Drops {@code m} for {@code e}; counts a failover when it was in the group, and tells the group
   * when that was its last active member.
   */
  void memberFailed(HaMember m, StcClientException e) {
    boolean wasIn = m.state != HaMember.State.DOWN;
    if (wasIn) {
      failovers.incrementAndGet();
    }
    m.drop(e.getMessage());
    if (wasIn && members.stream().noneMatch(x -> x.state == HaMember.State.ACTIVE)) {
      everyMemberLost.run();
    }
  }

  /** The group's own reason when no member can take a command; nothing when one can. */
  void requireActive() throws StcClientException {
    if (HaBalance.pick(members, 0) == null) {
      pick(m -> true);
    }
  }

  private HaMember pick(Predicate<HaMember> eligible) throws StcClientException {
    HaMember m = HaBalance.pick(members.stream().filter(eligible).toList(), roundRobin.getAndIncrement());
    if (m == null && HaBalance.pick(members, 0) != null) {
      throw new StcClientException(StcClientException.Kind.COMMAND, "no active member of HA group " + label
          + " holds the object (synchronization is disabled)", "hagroup synchronize -enable, then hagroup recover",
          new CkException(CkResult.CKR_OBJECT_HANDLE_INVALID, ""));
    }
    if (m == null) {
      throw loggedIn.getAsBoolean() ? allDown() : new StcClientException(StcClientException.Kind.COMMAND,
          "no role is logged in on HA group " + label, "log in first",
          new CkException(CkResult.CKR_USER_NOT_LOGGED_IN, ""));
    }
    return m;
  }

  StcClientException allDown() {
    return new StcClientException(StcClientException.Kind.SERVER_DOWN, "every member of HA group "
        + label + " is down", "start a member's host; the group recovers it (hagroup recover)");
  }
}
