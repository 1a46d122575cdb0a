package org.openstc.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.openstc.command.ObjectBodies.ObjectType;

/**
 * One member of an {@link HaGroup}: its partition serial, how to open a logged-in slot to it, its
 * state, its outstanding commands and the map from object identity (label and type) to its own
 * handle.
 */
final class HaMember {
  /** Where a member stands in the group. */
  enum State { ACTIVE, DOWN }

  /** Opens a new, logged-in slot to the member's partition. */
  @FunctionalInterface
  interface Opener {
    Slot open() throws StcClientException;
  }

  /** An object's identity in the group: labels are unique per type. */
  record Identity(String label, ObjectType type) {}

  final long serial;
  final boolean standby;
  final Opener opener;
  final AtomicInteger outstanding = new AtomicInteger();
  final Map<Identity, Long> handles = new ConcurrentHashMap<>();
  volatile State state = State.DOWN;
  volatile Slot slot;
  volatile String lastError = "";
  volatile int failedRecoveries;
  /** Missed key changes while away; false again once it joined synchronised. */
  volatile boolean needsSync;
  /** Why the member's last join failed (null after it joined). */
  volatile StcClientException lastFailure;

  HaMember(long serial, boolean standby, Opener opener) {
    this.serial = serial;
    this.standby = standby;
    this.opener = opener;
  }

  long handle(Identity id) throws StcClientException {
    Long h = handles.get(id);
    if (h == null) {
      throw new StcClientException(StcClientException.Kind.CHANNEL, "member " + serial
          + " has no object '" + id.label() + "' (" + id.type().label() + ")", "run hagroup recover");
    }
    return h;
  }

  /** Closes the slot and marks the member down with the reason. */
  void drop(String why) {
    state = State.DOWN;
    lastError = why;
    Slot s = slot;
    slot = null;
    if (s != null) {
      s.close();
    }
  }

  String status() {
    return state == State.DOWN ? "down" : "alive";
  }
}
