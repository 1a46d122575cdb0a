package org.openstc.partition.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.openstc.command.CkResult;
import org.openstc.command.StcSettings;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.PeerRegistry;
import org.openstc.stc.StaticKeyAgreement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition host's store under {@code $STC_HOST_HOME} (default {@code ~/.stchost}): the LMDB
 * environment in {@code store/} and the host master key in {@code master.key}, both owner-only.
 * Thread-safe: every operation is one LMDB transaction; writes are serialized by LMDB.
 *
 * <p>Open one instance per home per process and close it when done.
 */
public final class HostStore implements AutoCloseable {
  public static final String HOME_ENV = "STC_HOST_HOME";
  private static final Logger LOG = LoggerFactory.getLogger(HostStore.class);

  private final Path home;
  private final Lmdb db;
  private final HostKeys keys;
  private final Listeners listeners = new Listeners();
  private final Partitions partitions;
  private final Registrations registrations;
  private final Roles roles;
  private final KeyObjects objects;
  private final NtlsClients ntls;
  private final NtlsServerKey ntlsKey;
  private final HtlClients htl;

  private HostStore(Path home, Lmdb db, HostKeys keys, PinHasher hasher) {
    SecureRandom random = new SecureRandom();
    this.home = home;
    this.db = db;
    this.keys = keys;
    this.partitions = new Partitions(db, keys, listeners, random);
    this.registrations = new Registrations(db, partitions, listeners);
    this.roles = new Roles(db, partitions, hasher, random, listeners);
    this.objects = new KeyObjects(db, partitions, keys);
    this.ntls = new NtlsClients(db, partitions);
    this.ntlsKey = new NtlsServerKey(db, keys);
    this.htl = new HtlClients(db, keys, ntls);
    listeners.add(new HostStoreListener() {
      @Override
      public void partitionDeleted(long serial) {
        objects.forget(serial);
      }
    });
  }

  /** {@code $STC_HOST_HOME}, or {@code ~/.stchost}. */
  public static Path defaultHome() {
    String env = System.getenv(HOME_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".stchost");
  }

  public static HostStore open(Path home) throws StoreException {
    return open(home, PinHasher.configured());
  }

  /**
   * Opens the store in {@code home}, hashing PINs with {@code hasher}. A store and master key are
   * created only in a home with no trace of them; a home with a missing or damaged store file or a
   * missing master key is refused with nothing changed ({@link HostHome}).
   */
  public static HostStore open(Path home, PinHasher hasher) throws StoreException {
    return open(home, hasher, true);
  }

  /**
   * As {@link #open(Path, PinHasher)}; with {@code syncOnCommit} false, commits are not flushed to
   * disk (LMDB {@code MDB_NOSYNC}): an operating system crash may then lose or corrupt recent
   * transactions. For tests and benchmarks only.
   */
  public static HostStore open(Path home, PinHasher hasher, boolean syncOnCommit) throws StoreException {
    boolean fresh = HostHome.prepare(home);
    Lmdb db = Lmdb.open(home.resolve(HostHome.STORE_DIR), syncOnCommit);
    try {
      return new HostStore(home, db, HostKeys.open(home, fresh), hasher);
    } catch (StoreException | RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public Path home() {
    return home;
  }

  public Partitions partitions() {
    return partitions;
  }

  public Registrations registrations() {
    return registrations;
  }

  public Roles roles() {
    return roles;
  }

  public KeyObjects objects() {
    return objects;
  }

  /** NTLS clients, their assignments and the NTLS settings. */
  public NtlsClients ntls() {
    return ntls;
  }

  /** HTL state of the -requirehtl NTLS clients and the HTL settings. */
  public HtlClients htl() {
    return htl;
  }

  /** The NTLS server certificate and its key (sealed by the host master key). */
  public NtlsServerKey ntlsServerKey() {
    return ntlsKey;
  }

  /** The registration store of one partition, as the handshake sees it. */
  public PeerRegistry peerRegistry(long serial) {
    return identity -> find(serial, identity);
  }

  private Optional<PeerRegistry.RegisteredPeer> find(long serial, PeerIdentity identity) {
    try {
      return registrations.find(serial, identity);
    } catch (StoreException e) {
      LOG.error("registration lookup on partition {} failed; refusing the client", serial, e);
      return Optional.empty();
    }
  }

  /** The partition's identity key pair, decrypted; the caller owns it and should destroy it. */
  public StaticKeyAgreement identityKey(long serial) throws StoreException {
    PartitionRecord p = partitions.bySerial(serial);
    return IdentityKeys.decrypt(keys.partition(serial, p.wrappedKey()), serial, p.keyType(),
        p.encryptedPrivateKey());
  }

  /** The partition's current STC settings (the server reads them for every OPEN). */
  public ChannelPolicy policy(long serial) throws StoreException {
    return partitions.bySerial(serial).policy();
  }

  /**
   * Changes the partition's settings in one transaction; {@code change} may throw
   * {@link IllegalArgumentException} for a value out of range, which is refused with
   * CKR_ARGUMENTS_BAD and its message.
   */
  public ChannelPolicy updatePolicy(long serial, UnaryOperator<ChannelPolicy> change) throws StoreException {
    ChannelPolicy updated = db.write(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      ChannelPolicy next;
      try {
        next = change.apply(p.policy());
      } catch (IllegalArgumentException e) {
        throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, e.getMessage());
      }
      partitions.put(txn, p.withPolicy(next));
      return next;
    });
    listeners.fire(l -> l.settingsChanged(serial, updated));
    return updated;
  }

  /**
   * Changes one STC setting of the partition with {@code serial} (the rules in
   * {@link SettingChanges}) and leaves an audit line naming {@code who} asked for it. Both the
   * channel's {@code stcconfig ...set} and {@code stcsh stc ... set} come here.
   */
  public ChannelPolicy changeSetting(long serial, StcSettings.Change change, String who)
      throws StoreException {
    ChannelPolicy[] before = new ChannelPolicy[1]; // read in the same transaction as the write
    ChannelPolicy after = updatePolicy(serial, old -> {
      before[0] = old;
      return SettingChanges.apply(old, change);
    });
    SettingChanges.audit(home, partitions.bySerial(serial), change.setting(),
        SettingChanges.valueOf(before[0], change.setting()), SettingChanges.valueOf(after, change.setting()), who);
    return after;
  }

  public void addListener(HostStoreListener listener) {
    listeners.add(listener);
  }

  public void removeListener(HostStoreListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void close() {
    db.close();
  }
}
