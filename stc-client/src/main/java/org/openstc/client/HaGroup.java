package org.openstc.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;

/**
 * An HA group (docs/ha.md): one virtual slot over partitions of one cloning domain on several
 * hosts. Single-part crypto goes to the active member with the fewest outstanding commands
 * (round-robin on ties); key management goes to every active member, the key generated on one and
 * cloned to the others; a member that fails a command by connection loss or timeout is dropped and
 * the command re-sent to another member, so the caller sees latency, never an error, while one
 * member lives. Standby members are used only when no active member is left. Objects are the
 * group's own handles, mapped to each member's by label and type, so labels must be unique.
 */
public final class HaGroup implements AutoCloseable {
  /** The vendor's per-command failover timeout. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(20);

  /** One member as {@code listgroups} shows it. */
  public record MemberStatus(long serial, boolean standby, String status, String lastError) {}

  private final String label;
  private final List<HaMember> members;
  private final HaSync sync;
  private final Map<Long, HaMember.Identity> byHandle = new ConcurrentHashMap<>();
  private final Map<HaMember.Identity, Long> handles = new ConcurrentHashMap<>();
  private final AtomicLong nextHandle = new AtomicLong(1);
  private final AtomicInteger roundRobin = new AtomicInteger();
  private final AtomicLong failovers = new AtomicLong();
  private final Object management = new Object();
  private final HaCredentials credentials;
  private HaRecovery recovery;
  private volatile boolean closed;

  HaGroup(String label, List<HaMember> members, HaCredentials credentials) {
    this.label = label;
    this.members = List.copyOf(members);
    this.sync = new HaSync(this.members);
    this.credentials = credentials;
  }

  /**
   * Opens the group over the client's slots for {@code serials} (then {@code standby}), each member
   * logged in as {@code role}. The group keeps a copy of the PIN for recovery and wipes it on
   * close; the caller wipes its own. Members that cannot be reached start down.
   */
  public static HaGroup open(StcClient client, String label, List<Long> serials, List<Long> standby,
      Role role, char[] pin, Duration commandTimeout) throws StcClientException {
    HaGroup g = unauthenticated(client, label, serials, standby, commandTimeout);
    g.credentials.set(role, pin);
    g.recoverNow();
    return g;
  }

  /** The group with no role logged in: members join at {@link #login} (the virtual slot's start). */
  static HaGroup unauthenticated(StcClient client, String label, List<Long> serials,
      List<Long> standby, Duration commandTimeout) {
    client.timeout(commandTimeout);
    HaCredentials credentials = new HaCredentials();
    List<HaMember> list = new ArrayList<>();
    for (long s : serials) {
      list.add(new HaMember(s, false, credentials.opener(client, s)));
    }
    for (long s : standby) {
      list.add(new HaMember(s, true, credentials.opener(client, s)));
    }
    HaGroup g = new HaGroup(label, list, credentials);
    g.recovery = new HaRecovery(g, credentials::clear);
    return g;
  }

  /**
   * Logs {@code role} in on every member and brings them into the group; refused (and nothing
   * kept) when no member accepts it, with the first member's reason (a wrong PIN as the CKR).
   */
  public void login(Role role, char[] pin) throws StcClientException {
    synchronized (management) {
      members.forEach(m -> m.drop("login as " + role.name()));
      credentials.set(role, pin);
      if (recoverNow() == 0) {
        StcClientException why = members.stream().map(m -> m.lastFailure)
            .filter(e -> e != null && e.kind() == StcClientException.Kind.COMMAND).findFirst().orElse(null);
        credentials.clear();
        throw why != null ? why : allDown();
      }
    }
  }

  /** Logs out of every member; the members leave until the next login. */
  public void logout() {
    synchronized (management) {
      credentials.clear();
      members.forEach(m -> m.drop("logged out"));
    }
  }

  public String label() {
    return label;
  }

  /** How many times a member was dropped (failovers) since the group opened. */
  public long failovers() {
    return failovers.get();
  }

  /** Background recovery: {@code retries} attempts per dropped member (0 = off), every {@code interval}. */
  public void autoRecovery(int retries, Duration interval) {
    recovery.schedule(retries, interval);
  }

  /**
   * {@code hagroup synchronize}: when off, a member that joins is not brought to the group's
   * objects (nothing cloned to it or destroyed on it); it serves the objects it holds.
   */
  public void synchronize(boolean on) {
    sync.synchronize = on;
  }

  /** Tries every down member now ({@code hagroup recover}); returns how many joined. */
  public int recoverNow() {
    int joined = 0;
    for (HaMember m : members) {
      if (m.state == HaMember.State.DOWN && tryJoin(m)) {
        joined++;
      }
    }
    return joined;
  }

  boolean tryJoin(HaMember m) {
    synchronized (management) {
      if (!credentials.present()) {
        return false;
      }
      try {
        sync.join(m, handles.keySet());
        for (HaMember.Identity id : m.handles.keySet()) {
          handles.computeIfAbsent(id, i -> {
            long h = nextHandle.getAndIncrement();
            byHandle.put(h, i);
            return h;
          });
        }
        m.failedRecoveries = 0;
        m.lastFailure = null;
        return true;
      } catch (StcClientException e) {
        m.drop(e.getMessage());
        m.lastFailure = e;
        m.failedRecoveries++;
        return false;
      }
    }
  }

  List<HaMember> all() {
    return members;
  }

  public List<MemberStatus> members() {
    return members.stream().map(m -> new MemberStatus(m.serial, m.standby, m.status(), m.lastError)).toList();
  }

  /** The group's objects (group handles), as one member lists them. */
  public List<ObjectBodies.Entry> objects() throws StcClientException {
    List<ObjectBodies.Entry> listed = balanced((s, m) -> s.objects());
    return listed.stream().filter(e -> handles.containsKey(new HaMember.Identity(e.label(), e.type())))
        .map(e -> new ObjectBodies.Entry(handles.get(new HaMember.Identity(e.label(), e.type())),
            e.type(), e.label(), e.storedBytes()))
        .sorted(java.util.Comparator.comparingLong(ObjectBodies.Entry::handle)).toList();
  }

  // Key management: on every active member.

  /** Generates on one member and clones to every other active member; returns the group handle. */
  public long generate(ObjectType type, String objectLabel) throws StcClientException {
    return create(new HaMember.Identity(objectLabel, type), s -> s.generate(type, objectLabel));
  }

  /** Imports an AES-256 key on one member and clones it to the others; the caller wipes {@code key}. */
  public long importAesKey(String objectLabel, byte[] key) throws StcClientException {
    return create(new HaMember.Identity(objectLabel, ObjectType.AES256), s -> s.importAesKey(objectLabel, key));
  }

  private long create(HaMember.Identity id, HaSync.Creator creator) throws StcClientException {
    synchronized (management) {
      if (handles.containsKey(id)) {
        throw new StcClientException(StcClientException.Kind.COMMAND, "HA group " + label
            + " already has a " + id.type().label() + " object '" + id.label() + "'",
            "labels identify objects across members: choose another");
      }
      if (HaBalance.pick(members, 0) == null) {
        pick(m -> true); // the group's own reason: not logged in, or every member down
      }
      sync.createEverywhere(id, creator, this::memberFailed);
      long h = nextHandle.getAndIncrement();
      handles.put(id, h);
      byHandle.put(h, id);
      return h;
    }
  }

  /** Destroys the object on every active member; members away destroy it when they rejoin. */
  public void destroy(long handle) throws StcClientException {
    HaMember.Identity id = identity(handle);
    synchronized (management) {
      sync.destroyEverywhere(id, this::memberFailed);
      handles.remove(id);
      byHandle.remove(handle);
    }
  }

  private HaMember.Identity identity(long handle) throws StcClientException {
    HaMember.Identity id = byHandle.get(handle);
    if (id == null) {
      throw new StcClientException(StcClientException.Kind.COMMAND, "no object with handle " + handle
          + " in HA group " + label, null, new CkException(CkResult.CKR_OBJECT_HANDLE_INVALID, ""));
    }
    return id;
  }

  interface Op<T> {
    T run(Slot slot, HaMember member) throws StcClientException;
  }

  /** Runs {@code op} on the least-busy member with the member's handle for group handle {@code handle}. */
  <T> T onObject(long handle, HandleOp<T> op) throws StcClientException {
    HaMember.Identity id = identity(handle);
    return balanced(m -> m.handles.containsKey(id), (s, m) -> op.run(s, m.handle(id)));
  }

  interface HandleOp<T> {
    T run(Slot slot, long memberHandle) throws StcClientException;
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

  <T> T balanced(Op<T> op) throws StcClientException {
    return balanced(m -> true, op);
  }

  /** {@code op} on the least-busy {@code eligible} member, re-sent to another when the member fails. */
  private <T> T balanced(java.util.function.Predicate<HaMember> eligible, Op<T> op) throws StcClientException {
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

  void memberFailed(HaMember m, StcClientException e) {
    if (m.state != HaMember.State.DOWN) {
      failovers.incrementAndGet();
    }
    m.drop(e.getMessage());
  }

  private HaMember pick(java.util.function.Predicate<HaMember> eligible) throws StcClientException {
    HaMember m = HaBalance.pick(members.stream().filter(eligible).toList(), roundRobin.getAndIncrement());
    if (m == null && HaBalance.pick(members, 0) != null) {
      throw new StcClientException(StcClientException.Kind.COMMAND, "no active member of HA group " + label
          + " holds the object (synchronization is disabled)", "hagroup synchronize -enable, then hagroup recover",
          new CkException(CkResult.CKR_OBJECT_HANDLE_INVALID, ""));
    }
    if (m == null) {
      throw credentials.present() ? allDown() : new StcClientException(StcClientException.Kind.COMMAND,
          "no role is logged in on HA group " + label, "log in first",
          new CkException(CkResult.CKR_USER_NOT_LOGGED_IN, ""));
    }
    return m;
  }

  private StcClientException allDown() {
    return new StcClientException(StcClientException.Kind.SERVER_DOWN, "every member of HA group "
        + label + " is down", "start a member's host; the group recovers it (hagroup recover)");
  }

  boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    if (recovery != null) {
      recovery.close();
    }
    members.forEach(m -> m.drop("group closed"));
  }
}
