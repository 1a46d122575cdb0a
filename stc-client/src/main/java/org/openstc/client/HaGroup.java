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
  private HaRecovery recovery;

  HaGroup(String label, List<HaMember> members) {
    this.label = label;
    this.members = List.copyOf(members);
    this.sync = new HaSync(this.members);
  }

  /**
   * Opens the group over the client's slots for {@code serials} (then {@code standby}), each member
   * logged in as {@code role}. The group keeps a copy of the PIN for recovery and wipes it on
   * close; the caller wipes its own. Members that cannot be reached start down.
   */
  public static HaGroup open(StcClient client, String label, List<Long> serials, List<Long> standby,
      Role role, char[] pin, Duration commandTimeout) throws StcClientException {
    client.timeout(commandTimeout);
    char[] kept = pin.clone();
    List<HaMember> list = new ArrayList<>();
    for (long s : serials) {
      list.add(new HaMember(s, false, HaMember.loggedIn(client, s, role, kept)));
    }
    for (long s : standby) {
      list.add(new HaMember(s, true, HaMember.loggedIn(client, s, role, kept)));
    }
    HaGroup g = new HaGroup(label, list);
    g.recovery = new HaRecovery(g, () -> java.util.Arrays.fill(kept, '\0'));
    g.recoverNow();
    return g;
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
        return true;
      } catch (StcClientException e) {
        m.drop(e.getMessage());
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

  // Single-part crypto: load-balanced, failed over.

  public byte[] encrypt(long handle, byte[] plaintext, byte[] aad) throws StcClientException {
    HaMember.Identity id = identity(handle);
    return balanced((s, m) -> s.encrypt(m.handle(id), plaintext, aad));
  }

  public byte[] decrypt(long handle, byte[] ciphertext, byte[] aad) throws StcClientException {
    HaMember.Identity id = identity(handle);
    return balanced((s, m) -> s.decrypt(m.handle(id), ciphertext, aad));
  }

  public byte[] sign(long handle, byte[] data) throws StcClientException {
    HaMember.Identity id = identity(handle);
    return balanced((s, m) -> s.sign(m.handle(id), data));
  }

  public boolean verify(long handle, byte[] data, byte[] signature) throws StcClientException {
    HaMember.Identity id = identity(handle);
    return balanced((s, m) -> s.verify(m.handle(id), data, signature));
  }

  public byte[] publicKey(long handle) throws StcClientException {
    HaMember.Identity id = identity(handle);
    return balanced((s, m) -> s.publicKey(m.handle(id)));
  }

  public byte[] random(int length) throws StcClientException {
    return balanced((s, m) -> s.random(length));
  }

  /** The group's objects (group handles), as one member lists them. */
  public List<ObjectBodies.Entry> objects() throws StcClientException {
    List<ObjectBodies.Entry> listed = balanced((s, m) -> s.objects());
    return listed.stream().filter(e -> handles.containsKey(new HaMember.Identity(e.label(), e.type())))
        .map(e -> new ObjectBodies.Entry(handles.get(new HaMember.Identity(e.label(), e.type())),
            e.type(), e.label(), e.storedBytes()))
        .sorted(java.util.Comparator.comparingLong(ObjectBodies.Entry::handle)).toList();
  }

  public java.util.Optional<ObjectBodies.Entry> findObject(String objectLabel) throws StcClientException {
    return objects().stream().filter(o -> o.label().equals(objectLabel)).findFirst();
  }

  // Key management: on every active member.

  /** Generates on one member and clones to every other active member; returns the group handle. */
  public long generate(ObjectType type, String objectLabel) throws StcClientException {
    HaMember.Identity id = new HaMember.Identity(objectLabel, type);
    synchronized (management) {
      if (handles.containsKey(id)) {
        throw new StcClientException(StcClientException.Kind.COMMAND, "HA group " + label
            + " already has a " + type.label() + " object '" + objectLabel + "'",
            "labels identify objects across members: choose another");
      }
      sync.generateEverywhere(id, this::memberFailed);
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

  private <T> T balanced(Op<T> op) throws StcClientException {
    while (true) {
      HaMember m = pick();
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

  private HaMember pick() throws StcClientException {
    HaMember m = HaBalance.pick(members, roundRobin.getAndIncrement());
    if (m == null) {
      throw new StcClientException(StcClientException.Kind.SERVER_DOWN, "every member of HA group "
          + label + " is down", "start a member's host; the group recovers it (hagroup recover)");
    }
    return m;
  }

  @Override
  public void close() {
    if (recovery != null) {
      recovery.close();
    }
    members.forEach(m -> m.drop("group closed"));
  }
}
