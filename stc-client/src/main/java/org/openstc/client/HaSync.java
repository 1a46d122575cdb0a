package org.openstc.client;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies;

/**
 * Key management across the members of an HA group and the synchronisation of a member that
 * joins: objects are identified by label and type; a key is generated on one member and cloned
 * (OBJECT_EXPORT, OBJECT_IMPORT_WRAPPED) to the others. The caller holds the group's management lock.
 */
final class HaSync {
  /** What to do with a member that failed a command. */
  interface Failed {
    void failed(HaMember m, StcClientException e);
  }

  private final List<HaMember> members;
  private final Set<HaMember.Identity> destroyed = ConcurrentHashMap.newKeySet();
  /** Whether a joining member is brought to the group's objects ({@code hagroup synchronize}). */
  volatile boolean synchronize = true;

  HaSync(List<HaMember> members) {
    this.members = members;
  }

  /** True when the error is the member's (connection, timeout, partition gone), not the command's. */
  static boolean isMemberFailure(StcClientException e) {
    if (e.kind() != StcClientException.Kind.COMMAND) {
      return true;
    }
    return e.getCause() instanceof CkException
        && ((CkException) e.getCause()).result() == CkResult.CKR_TOKEN_NOT_PRESENT;
  }

  private List<HaMember> active() {
    return members.stream().filter(m -> m.state == HaMember.State.ACTIVE)
        .sorted((a, b) -> Boolean.compare(a.standby, b.standby)).toList();
  }

  /**
   * Opens the member and brings it to the group's objects: the first member to join defines them;
   * a later one gets each missing object cloned from an active member and loses the objects the
   * group destroyed while it was away. Then it is active. Returns whether it holds the group's
   * objects now: false when synchronisation is off and it lacks one or holds a destroyed one.
   */
  boolean join(HaMember m, Set<HaMember.Identity> known) throws StcClientException {
    Slot s = m.opener.open();
    m.slot = s;
    m.handles.clear();
    List<HaMember> sources = active();
    boolean inSync = true;
    for (ObjectBodies.Entry e : s.objects()) {
      if (!e.type().isKey()) {
        continue; // certificate and data objects are not replicated (docs/ha.md)
      }
      HaMember.Identity id = new HaMember.Identity(e.label(), e.type());
      if (destroyed.contains(id) && synchronize) {
        s.destroy(e.handle());
      } else if (sources.isEmpty() || known.contains(id)) {
        m.handles.put(id, e.handle());
      }
      inSync &= !destroyed.contains(id) || synchronize;
    }
    for (HaMember.Identity id : known) {
      if (!m.handles.containsKey(id) && synchronize) {
        m.handles.put(id, s.importWrapped(exportFrom(sources, id)));
      }
      inSync &= m.handles.containsKey(id);
    }
    m.state = HaMember.State.ACTIVE;
    return inSync;
  }

  private static byte[] exportFrom(List<HaMember> sources, HaMember.Identity id) throws StcClientException {
    StcClientException last = null;
    for (HaMember src : sources) {
      Long h = src.handles.get(id);
      Slot s = src.slot;
      if (h != null && s != null) {
        try {
          return s.exportWrapped(h);
        } catch (StcClientException e) {
          last = e;
        }
      }
    }
    throw new StcClientException(StcClientException.Kind.CHANNEL, "no active member could clone '"
        + id.label() + "'" + (last == null ? "" : ": " + last.getMessage()), null, last);
  }

  /** Makes a key object on one member (generate or import); returns the member's handle. */
  interface Creator {
    long create(Slot slot) throws StcClientException;
  }

  /** Creates on the first active member that can, clones to every other active member. */
  void createEverywhere(HaMember.Identity id, Creator creator, Failed failed) throws StcClientException {
    while (true) {
      List<HaMember> targets = active();
      if (targets.isEmpty()) {
        throw new StcClientException(StcClientException.Kind.SERVER_DOWN,
            "every member of the HA group is down", "start a member's host, then hagroup recover");
      }
      HaMember source = targets.get(0);
      long h;
      byte[] wrapped = null;
      try {
        h = creator.create(source.slot);
        if (targets.size() > 1) {
          wrapped = exportOrUndo(source, h);
        }
      } catch (StcClientException e) {
        if (!isMemberFailure(e)) {
          throw e;
        }
        failed.failed(source, e);
        continue;
      }
      source.handles.put(id, h);
      for (HaMember m : targets.subList(1, targets.size())) {
        try {
          m.handles.put(id, m.slot.importWrapped(wrapped));
        } catch (StcClientException e) {
          failed.failed(m, e); // dropped; it gets the object when it rejoins
        }
      }
      destroyed.remove(id);
      return;
    }
  }

  private static byte[] exportOrUndo(HaMember source, long h) throws StcClientException {
    try {
      return source.slot.exportWrapped(h);
    } catch (StcClientException e) {
      if (!isMemberFailure(e)) {
        source.slot.destroy(h); // cloning refused (policy, no domain): the group does not keep half a key
      }
      throw e;
    }
  }

  /** Destroys on every active member; members that are away destroy it when they rejoin. */
  void destroyEverywhere(HaMember.Identity id, Failed failed) throws StcClientException {
    destroyed.add(id);
    for (HaMember m : active()) {
      Long h = m.handles.remove(id);
      if (h == null) {
        continue;
      }
      try {
        m.slot.destroy(h);
      } catch (StcClientException e) {
        if (isMemberFailure(e)) {
          failed.failed(m, e);
        } else if (!(e.getCause() instanceof CkException
            && ((CkException) e.getCause()).result() == CkResult.CKR_OBJECT_HANDLE_INVALID)) {
          throw e;
        }
      }
    }
  }
}
