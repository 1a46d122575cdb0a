package org.openstc.partition.store;

import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openstc.store.Tx;
import org.openstc.command.CkResult;
import org.openstc.command.PartitionInfo;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityFileException;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/** Partition records: create, delete, list, resize (the {@code stcsh partition} commands). */
public final class Partitions {
  /** Partition names, client labels and object labels. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  public static final long MAX_SIZE = 1L << 40;
  private static final long SERIAL_BASE = 100_000_000_000L;

  private final Lmdb db;
  private final HostKeys keys;
  private final Listeners listeners;
  private final SecureRandom random;

  Partitions(Lmdb db, HostKeys keys, Listeners listeners, SecureRandom random) {
    this.db = db;
    this.keys = keys;
    this.listeners = listeners;
    this.random = random;
  }

  /** Creates a partition with a fresh serial, partition key and identity key pair. */
  public PartitionRecord create(String name, long sizeBytes, KeyType keyType) throws StoreException {
    checkName("partition name", name);
    checkSize(sizeBytes);
    byte[] scalar = IdentityKeys.generatePrivate(keyType, random);
    try {
      byte[] publicKey = IdentityKeys.publicKey(keyType, scalar);
      return db.write(txn -> {
        if (db.partitions.get(txn, Bytes.utf8(name)) != null) {
          throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, "partition " + name + " already exists");
        }
        long serial = freshSerial(txn);
        byte[] wrapped = keys.newPartitionKeyset(serial);
        byte[] encrypted = IdentityKeys.encrypt(keys.partition(serial, wrapped), serial, scalar);
        PartitionRecord r = new PartitionRecord(name, serial, name, sizeBytes, keyType,
            System.currentTimeMillis(), false, 0, 0, 0, 1, publicKey, wrapped, encrypted,
            ChannelPolicy.defaults());
        put(txn, r);
        db.serials.put(txn, Bytes.u64(serial), Bytes.utf8(name));
        return r;
      });
    } finally {
      SecretBytes.wipe(scalar);
    }
  }

  /** Deletes a partition and everything in it: registrations, roles, objects, keys. */
  public PartitionRecord delete(String name) throws StoreException {
    PartitionRecord r = db.write(txn -> {
      PartitionRecord p = get(txn, name);
      deleteRows(txn, p);
      return p;
    });
    keys.forget(r.serial());
    listeners.fire(l -> l.partitionDeleted(r.serial()));
    return r;
  }

  /** Changes the size; refuses to shrink below what is used. */
  public PartitionRecord resize(String name, long sizeBytes) throws StoreException {
    checkSize(sizeBytes);
    return db.write(txn -> {
      PartitionRecord p = get(txn, name);
      if (sizeBytes < p.usedBytes()) {
        throw new StoreException(CkResult.CKR_DEVICE_MEMORY, "cannot resize partition " + name
            + " to " + sizeBytes + " bytes: " + p.usedBytes() + " bytes are in use");
      }
      PartitionRecord resized = p.withSize(sizeBytes);
      put(txn, resized);
      return resized;
    });
  }

  public List<PartitionRecord> list() throws StoreException {
    return db.read(txn -> {
      List<PartitionRecord> out = new ArrayList<>();
      for (byte[][] kv : db.partitions.scan(txn, new byte[0])) {
        out.add(PartitionRecord.decode(kv[1]));
      }
      return out;
    });
  }

  public PartitionRecord get(String name) throws StoreException {
    return db.read(txn -> get(txn, name));
  }

  public PartitionRecord bySerial(long serial) throws StoreException {
    return db.read(txn -> require(txn, serial));
  }

  /** What {@code partition show} and the PARTITION_INFO command report. */
  public static PartitionInfo info(PartitionRecord r) {
    return new PartitionInfo(r.name(), r.serial(), r.label(), r.initialized(), r.keyType(),
        r.sizeBytes(), r.usedBytes(), r.clientCount(), r.objectCount(), identity(r).fingerprint());
  }

  /** The partition identity file ({@code <serial>.pid}) that clients register. */
  public static IdentityFile identityFile(PartitionRecord r) throws StoreException {
    try {
      return IdentityFile.partition(r.serial(), r.label(), identity(r));
    } catch (IdentityFileException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot export the identity: " + e.getMessage(), e);
    }
  }

  public static PeerIdentity identity(PartitionRecord r) {
    try {
      return PeerIdentity.of(r.keyType(), r.publicKey());
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("stored public key of " + r.name() + " is invalid", e);
    }
  }

  PartitionRecord get(Tx txn, String name) throws StoreException {
    byte[] v = db.partitions.get(txn, Bytes.utf8(name));
    if (v == null) {
      throw StoreException.notFound("partition " + name + " does not exist");
    }
    return PartitionRecord.decode(v);
  }

  PartitionRecord require(Tx txn, long serial) throws StoreException {
    byte[] name = db.serials.get(txn, Bytes.u64(serial));
    if (name == null) {
      throw StoreException.notFound("no partition has serial " + serial);
    }
    return get(txn, Bytes.utf8(name));
  }

  /**
   * Removes every row of {@code p}: its record and serial, registrations, roles, objects, policies
   * and cloning domain (every per-partition key starts with the serial).
   */
  void deleteRows(Tx txn, PartitionRecord p) {
    byte[] prefix = Bytes.prefix(p.serial());
    db.clients.deletePrefix(txn, prefix);
    db.clientsByFingerprint.deletePrefix(txn, prefix);
    db.roles.deletePrefix(txn, prefix);
    db.objects.deletePrefix(txn, prefix);
    db.policies.deletePrefix(txn, prefix);
    db.serials.delete(txn, Bytes.u64(p.serial()));
    db.partitions.delete(txn, Bytes.utf8(p.name()));
  }

  void put(Tx txn, PartitionRecord r) {
    db.partitions.put(txn, Bytes.utf8(r.name()), r.encode());
  }

  private long freshSerial(Tx txn) {
    while (true) {
      long serial = SERIAL_BASE + (random.nextLong() & Long.MAX_VALUE) % (9 * SERIAL_BASE);
      if (db.serials.get(txn, Bytes.u64(serial)) == null) {
        return serial;
      }
    }
  }

  static void checkName(String what, String name) throws StoreException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, what + " '" + name
          + "' is invalid (1-64 characters: letters, digits, '.', '_', '-'; starting with a letter or digit)");
    }
  }

  private static void checkSize(long size) throws StoreException {
    if (size < 1 || size > MAX_SIZE) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "size " + size + " is out of range (1.." + MAX_SIZE + " bytes)");
    }
  }
}
