package org.openstc.pkcs11;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The PKCS#11 state of one connected application (one RPC connection): whether C_Initialize
 * ran, its sessions, and per slot the one channel all its sessions share with the login on it.
 * Closing the last session of a slot closes that channel (PKCS#11: the user is logged out).
 */
final class P11State implements AutoCloseable {
  /** The most sessions one connection may hold open. */
  static final int MAX_SESSIONS = 1024;

  /** One slot's channel and who is logged in on it (-1: nobody). */
  static final class SlotState {
    Backend backend;
    long user = -1;
    int sessions;
  }

  final Backends backends;
  boolean initialized;
  private final Map<Long, SlotState> slots = new HashMap<>();
  private final Map<Long, Session> sessions = new HashMap<>();
  private long nextSession = 1;

  P11State(Backends backends) {
    this.backends = backends;
  }

  Session session(long handle) throws CkrException {
    requireInitialized();
    Session s = sessions.get(handle);
    if (s == null) {
      throw new CkrException(Ck.CKR_SESSION_HANDLE_INVALID, "no session " + handle);
    }
    return s;
  }

  void requireInitialized() throws CkrException {
    if (!initialized) {
      throw new CkrException(Ck.CKR_CRYPTOKI_NOT_INITIALIZED);
    }
  }

  void requireSlot(long slot) throws CkrException {
    requireInitialized();
    if (!backends.slots().contains(slot)) {
      throw new CkrException(Ck.CKR_SLOT_ID_INVALID, "no slot " + slot);
    }
  }

  SlotState slot(long slot) {
    return slots.computeIfAbsent(slot, s -> new SlotState());
  }

  /** The slot's channel, opened on first use. */
  Backend backend(long slot) throws CkrException {
    SlotState state = slot(slot);
    if (state.backend == null) {
      state.backend = backends.open(slot);
      state.user = -1;
    }
    return state.backend;
  }

  /** After a channel failure: close it; the next call opens a new one (logged out). */
  void dropBackend(long slot) {
    SlotState state = slots.get(slot);
    if (state != null && state.backend != null) {
      state.backend.close();
      state.backend = null;
      state.user = -1;
    }
  }

  Session open(long slot, boolean readWrite) throws CkrException {
    if (sessions.size() >= MAX_SESSIONS) {
      throw new CkrException(0xB1 /* CKR_SESSION_COUNT */, "too many sessions");
    }
    backend(slot);
    Session s = new Session(nextSession++, slot, readWrite);
    sessions.put(s.handle, s);
    slot(slot).sessions++;
    return s;
  }

  void close(Session s) {
    sessions.remove(s.handle);
    SlotState state = slot(s.slot);
    if (--state.sessions <= 0) {
      state.sessions = 0;
      dropBackend(s.slot);
    }
  }

  void closeAll(long slot) {
    for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
      if (it.next().slot == slot) {
        it.remove();
      }
    }
    slot(slot).sessions = 0;
    dropBackend(slot);
  }

  int sessionCount(long slot, boolean readWriteOnly) {
    int n = 0;
    for (Session s : sessions.values()) {
      if (s.slot == slot && (!readWriteOnly || s.readWrite)) {
        n++;
      }
    }
    return n;
  }

  /** Open channels (for tests: none may leak). */
  int openChannels() {
    int n = 0;
    for (SlotState s : slots.values()) {
      n += s.backend == null ? 0 : 1;
    }
    return n;
  }

  @Override
  public void close() {
    sessions.clear();
    for (Long slot : slots.keySet()) {
      dropBackend(slot);
    }
    slots.clear();
    initialized = false;
  }
}
