package org.openstc.client;

import java.time.Duration;
import java.util.List;
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

  /** One member as {@code listgroups} shows it; {@code needsSync}: it missed key changes while away. */
  public record MemberStatus(long serial, boolean standby, String status, String lastError, boolean needsSync) {}

  private final String label;
  private final List<HaMember> members;
  private final HaSync sync;
  private final HaHandles handles = new HaHandles();
  private final HaNeedsSync needsSync;
  private final Object management = new Object();
  private final HaCredentials credentials;
  private final HaDispatch dispatch;
  private final HaRecovery recovery;
  private volatile HaRecoveryMode recoveryMode = HaRecoveryMode.ACTIVE_ENHANCED;
  private volatile boolean closed;

  HaGroup(String label, List<HaMember> members, HaCredentials credentials) {
    this.label = label;
    this.members = List.copyOf(members);
    this.sync = new HaSync(this.members);
    this.needsSync = new HaNeedsSync(this.members);
    this.credentials = credentials;
    this.dispatch = new HaDispatch(label, this.members, credentials::present, this::everyMemberLost);
    this.recovery = new HaRecovery(this, credentials::clear);
  }

  /** Keeps {@code role} and a copy of {@code pin}, then brings every member that answers in. */
  void start(Role role, char[] pin) {
    credentials.set(role, pin);
    recoverNow();
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
        throw why != null ? why : dispatch.allDown();
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
    return dispatch.failovers();
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

  /** {@code hagroup recoverymode}: what the group keeps when every member is lost at once. */
  public void recoveryMode(HaRecoveryMode mode) {
    recoveryMode = mode;
  }

  /** activeBasic: losing every member ends the login (activeEnhanced keeps it for recovery). */
  private void everyMemberLost() {
    if (recoveryMode == HaRecoveryMode.ACTIVE_BASIC) {
      credentials.clear();
    }
  }

  /** Whether a member missed key changes while away and has not been synchronised since. */
  public boolean needsSync() {
    return needsSync.any();
  }

  void needsSyncListener(HaNeedsSync.Listener listener) {
    needsSync.listener(listener);
  }

  /** Member {@code serial} was recorded as needing synchronisation before the group opened. */
  void markedNeedingSync(long serial) {
    needsSync.recorded(serial);
  }

  /**
   * Tries every down member now ({@code hagroup recover}); returns how many joined. Members that
   * need synchronisation join last, so that one of them never defines the group's objects.
   */
  public int recoverNow() {
    int joined = 0;
    for (HaMember m : members.stream().sorted(java.util.Comparator.comparing(x -> x.needsSync)).toList()) {
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
        needsSync.joined(m, sync.synchronize, sync.join(m, handles.known()));
        m.handles.keySet().forEach(handles::assign);
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
    return members.stream().map(m -> new MemberStatus(m.serial, m.standby, m.status(), m.lastError,
        m.needsSync)).toList();
  }

  /** The group's objects (group handles), as one member lists them. */
  public List<ObjectBodies.Entry> objects() throws StcClientException {
    List<ObjectBodies.Entry> listed = balanced((s, m) -> s.objects());
    return listed.stream().filter(e -> handles.handle(new HaMember.Identity(e.label(), e.type())) != null)
        .map(e -> new ObjectBodies.Entry(handles.handle(new HaMember.Identity(e.label(), e.type())),
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
      if (handles.handle(id) != null) {
        throw new StcClientException(StcClientException.Kind.COMMAND, "HA group " + label
            + " already has a " + id.type().label() + " object '" + id.label() + "'",
            "labels identify objects across members: choose another");
      }
      dispatch.requireActive(); // the group's own reason: not logged in, or every member down
      sync.createEverywhere(id, creator, dispatch::memberFailed);
      needsSync.awayMissedIt();
      return handles.assign(id);
    }
  }

  /** Destroys the object on every active member; members away destroy it when they rejoin. */
  public void destroy(long handle) throws StcClientException {
    HaMember.Identity id = identity(handle);
    synchronized (management) {
      sync.destroyEverywhere(id, dispatch::memberFailed);
      needsSync.awayMissedIt();
      handles.remove(id);
    }
  }

  private HaMember.Identity identity(long handle) throws StcClientException {
    HaMember.Identity id = handles.identity(handle);
    if (id == null) {
      throw new StcClientException(StcClientException.Kind.COMMAND, "no object with handle " + handle
          + " in HA group " + label, null, new CkException(CkResult.CKR_OBJECT_HANDLE_INVALID, ""));
    }
    return id;
  }

  /** Runs {@code op} on the least-busy member with the member's handle for group handle {@code handle}. */
  <T> T onObject(long handle, HandleOp<T> op) throws StcClientException {
    HaMember.Identity id = identity(handle);
    return dispatch.balanced(m -> m.handles.containsKey(id), (s, m) -> op.run(s, m.handle(id)));
  }

  interface HandleOp<T> {
    T run(Slot slot, long memberHandle) throws StcClientException;
  }

  /** Runs {@code op} on every active member (session commands: PIN change, rekey). */
  void onEveryMember(HaDispatch.Op<Void> op) throws StcClientException {
    dispatch.onEveryMember(op);
  }

  <T> T balanced(HaDispatch.Op<T> op) throws StcClientException {
    return dispatch.balanced(m -> true, op);
  }

  boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    recovery.close();
    members.forEach(m -> m.drop("group closed"));
  }
}
