package org.openstc.partition.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.openstc.command.CkResult;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import org.openstc.store.LmdbStore;
import org.openstc.command.StcSettings;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.PeerRegistry;
import org.openstc.stc.PeerRegistry.RegisteredPeer;
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
  private final Policies policies;
  private final Accounts accounts;
  private final NtlsClients ntls;
  private final NtlsServerKey ntlsKey;
  private final CloningDomains domains;
  private final HtlClients htl;
  private final PartitionCache cache;
  private final PartitionImages images;
  private final SshHostKey sshKey;
  private final AccountKeys accountKeys;
  private final PinHasher hasher;

  private HostStore(Path home, Lmdb db, HostKeys keys, PinHasher hasher) {
    SecureRandom random = new SecureRandom();
    this.home = home;
    this.db = db;
    this.keys = keys;
    this.hasher = hasher;
    this.partitions = new Partitions(db, keys, listeners, random);
    this.registrations = new Registrations(db, partitions, listeners);
    this.roles = new Roles(db, partitions, hasher, random, listeners);
    this.objects = new KeyObjects(db, partitions, keys);
    this.policies = new Policies(db, partitions);
    this.accounts = new Accounts(db, hasher, random);
    this.ntls = new NtlsClients(db, partitions);
    this.ntlsKey = new NtlsServerKey(db, keys);
    this.domains = new CloningDomains(db, partitions, keys, policies, objects);
    this.htl = new HtlClients(db, keys, ntls);
    this.cache = new PartitionCache(db, partitions, policies);
    this.images = new PartitionImages(home, db, partitions, keys, listeners);
    this.sshKey = new SshHostKey(db, keys);
    this.accountKeys = new AccountKeys(db);
    listeners.add(new HostStoreListener() {
      @Override
      public void partitionDeleted(long serial) {
        objects.forget(serial);
        cache.forget(serial);
        forgetHtl(() -> htl.forgetPartition(serial));
      }

      @Override
      public void partitionReinitialized(long serial) {
        objects.forget(serial);
        cache.forget(serial);
      }

      @Override
      public void clientDeregistered(long serial, RegisteredPeer peer) {
        forgetHtl(() -> htl.forget(HtlState.stcName(serial, peer.label())));
      }
    });
  }

  private interface StoreAction {
    void run() throws StoreException;
  }

  /** A registration or partition that goes takes its HTL state along (docs/protocol.md 42). */
  private static void forgetHtl(StoreAction forget) {
    try {
      forget.run();
    } catch (StoreException e) {
      LoggerFactory.getLogger(HostStore.class).warn("HTL state left behind: {}",
          e.getMessage());
    }
  }

  /** {@code $STC_HOST_HOME}, or {@code ~/.stchost}. */
  public static Path defaultHome() {
    String env = System.getenv(HOME_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".stchost");
  }

  /** Opens the host in {@code home} with its own Argon2 cost for new passwords ({@link Hsm#hasher}). */
  public static HostStore open(Path home) throws StoreException {
    HostHome.check(home);
    return open(home, Hsm.hasher(home));
  }

  /**
   * Opens the store of the host initialised in {@code home} ({@link Hsm#init}), sealed: reading
   * and changing registrations, roles and settings works; anything that needs the master key is
   * refused until {@link #unseal}. A home that is not initialised, is zeroized, or misses its
   * sealed master key or store file is refused with nothing changed ({@link HostHome}).
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
    HostHome.check(home);
    Lmdb db = Lmdb.open(home.resolve(HostHome.STORE_DIR), syncOnCommit);
    try {
      return new HostStore(home, db, new HostKeys(), hasher);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Opens the host in {@code home} and unseals it with the HSM SO's {@code secret} ({@link Hsm#unseal}). */
  public static HostStore open(Path home, PinHasher hasher, boolean syncOnCommit, SoSecret secret)
      throws StoreException {
    return openWith(home, hasher, syncOnCommit, Hsm.unseal(home, secret));
  }

  /**
   * Initialises a host in {@code home} sealed by {@code soPassword} ({@link Hsm#init}) and opens
   * it unsealed: for programs that run their own host (the demo, stc-perf, test fixtures).
   */
  public static HostStore create(Path home, String label, char[] soPassword, PinHasher hasher,
      boolean syncOnCommit) throws StoreException {
    return openWith(home, hasher, syncOnCommit, Hsm.init(home, label, SoSecret.password(soPassword), hasher));
  }

  /** Opens the store unsealed by {@code key}, which is destroyed (the store keeps its primitive). */
  private static HostStore openWith(Path home, PinHasher hasher, boolean syncOnCommit, MasterKey key)
      throws StoreException {
    try {
      HostStore store = open(home, hasher, syncOnCommit);
      try {
        return store.unseal(key);
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    } finally {
      key.destroy();
    }
  }

  /** Makes the master key available to this store (the HSM SO logged in, or auto-activation). */
  public HostStore unseal(MasterKey key) {
    try {
      long serial = HostRecord.read(home).serial();
      if (key.serial() != serial) {
        throw new IllegalArgumentException("the master key of host " + key.serial()
            + " does not belong to host " + serial);
      }
    } catch (StoreException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    keys.unseal(key);
    return this;
  }

  /** Whether {@link #unseal} was called: partition keys can be used. */
  public boolean isUnsealed() {
    return keys.isUnsealed();
  }

  public Path home() {
    return home;
  }

  /** How this store hashes new passwords (the host's Argon2 cost, or a test's). */
  public PinHasher hasher() {
    return hasher;
  }

  /**
   * Writes a copy of this host home into the empty directory {@code target}: a consistent
   * compacted copy of the store (taken while others use it) and the key files as they are, all
   * owner-only. {@code target} can be opened as a home.
   */
  public void copyTo(Path target) throws StoreException {
    try {
      Path store = OwnerOnlyFiles.createDirectories(target.resolve(HostHome.STORE_DIR));
      db.copyTo(store);
      OwnerOnlyFiles.restrictFile(LmdbStore.dataFile(store));
      for (String name : HostKeys.keyFiles()) {
        byte[] key = SmallFiles.read(home.resolve(name));
        try {
          OwnerOnlyFiles.write(target.resolve(name), key);
        } finally {
          SecretBytes.wipe(key);
        }
      }
    } catch (java.io.IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot copy " + home + " to " + target
          + ": " + e.getMessage(), e);
    }
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

  /** HSM and partition policies, partition activation, {@code forceSOLogin}. */
  public Policies policies() {
    return policies;
  }

  /** The partition record and activation as the command service checks them per command. */
  public PartitionCache partitionCache() {
    return cache;
  }

  /** Cloning domains: wrapped export and import of key objects (HA replication). */
  public CloningDomains domains() {
    return domains;
  }

  /** Host administrator accounts. */
  public Accounts accounts() {
    return accounts;
  }

  /** NTLS clients, their assignments and the NTLS settings. */
  public NtlsClients ntls() {
    return ntls;
  }

  /** HTL state of the -requirehtl NTLS clients and the HTL settings. */
  public HtlClients htl() {
    return htl;
  }

  /** Partition backups: one partition's image taken and restored. */
  public PartitionImages partitionImages() {
    return images;
  }

  /** The NTLS server certificate and its key (sealed by the host master key). */
  public NtlsServerKey ntlsServerKey() {
    return ntlsKey;
  }

  /** The SSH host key (its private half sealed by the host master key). */
  public SshHostKey sshHostKey() {
    return sshKey;
  }

  /** The SSH public keys of the administrator accounts. */
  public AccountKeys accountKeys() {
    return accountKeys;
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
