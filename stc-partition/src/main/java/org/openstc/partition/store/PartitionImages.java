package org.openstc.partition.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openstc.command.CkResult;
import org.openstc.partition.store.PartitionImage.Part;
import org.openstc.partition.store.PartitionImage.Row;
import org.openstc.store.Table;
import org.openstc.store.Tx;

/**
 * Taking a partition's {@link PartitionImage} and putting one back (the {@code stcsh partition
 * backup|restore} commands). Both need the master key: taking unwraps the partition keyset,
 * restoring wraps it under this host's master key. A restore checks the whole image first (the
 * keyset opens the identity key and every object, the counts match the record), then replaces
 * any partition of the same name in one transaction: it is all there afterwards or not at all.
 */
public final class PartitionImages {
  private final Path home;
  private final Lmdb db;
  private final Partitions partitions;
  private final HostKeys keys;
  private final Listeners listeners;

  PartitionImages(Path home, Lmdb db, Partitions partitions, HostKeys keys, Listeners listeners) {
    this.home = home;
    this.db = db;
    this.partitions = partitions;
    this.keys = keys;
    this.listeners = listeners;
  }

  /** The image of partition {@code name} as of one read transaction; the caller destroys it. */
  public PartitionImage take(String name) throws StoreException {
    long host = HostRecord.read(home).serial();
    return db.read(txn -> {
      PartitionRecord p = partitions.get(txn, name);
      byte[] clear = keys.insecureClearKeyset(p.serial(), p.wrappedKey());
      List<Row> rows = new ArrayList<>();
      for (Part part : Part.values()) {
        for (byte[][] kv : table(part).scan(txn, Bytes.prefix(p.serial()))) {
          rows.add(new Row(part, Bytes.suffix(kv[0]), kv[1]));
        }
      }
      return new PartitionImage(host, p, clear, rows);
    });
  }

  /**
   * Restores {@code image} as partition {@code name}, replacing a partition of that name. An
   * image of another host is refused unless {@code foreign}; so is one whose serial another
   * partition of this host has. Returns the partition it replaced, or null.
   */
  public PartitionRecord restore(PartitionImage image, String name, boolean foreign)
      throws StoreException {
    Partitions.checkName("partition name", name);
    checkHost(image.hostSerial(), foreign);
    PartitionRecord from = image.record();
    long serial = from.serial();
    image.verify();
    PartitionRecord restored = new PartitionRecord(name, serial, from.label(), from.sizeBytes(),
        from.keyType(), from.createdMillis(), from.initialized(), from.objectBytes(),
        from.objectCount(), from.clientCount(), from.nextHandle(), from.publicKey(),
        keys.wrapClearKeyset(serial, image.clearKeyset()), from.encryptedPrivateKey(),
        from.policy());
    PartitionRecord replaced = db.write(txn -> {
      byte[] owner = db.serials.get(txn, Bytes.u64(serial));
      if (owner != null && !Bytes.utf8(owner).equals(name)) {
        throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, "partition "
            + Bytes.utf8(owner) + " of this host has the backup's serial " + serial + " (it is "
            + "the partition backed up): restore onto that name, or delete it first");
      }
      byte[] old = db.partitions.get(txn, Bytes.utf8(name));
      PartitionRecord previous = old == null ? null : PartitionRecord.decode(old);
      if (previous != null) {
        partitions.deleteRows(txn, previous);
      }
      for (Row r : image.rows()) {
        table(r.part()).put(txn, Bytes.key(serial, r.suffix()), r.value());
      }
      db.serials.put(txn, Bytes.u64(serial), Bytes.utf8(name));
      partitions.put(txn, restored);
      return previous;
    });
    forget(serial);
    if (replaced != null && replaced.serial() != serial) {
      forget(replaced.serial());
    }
    return replaced;
  }

  /** Refuses a backup taken on host {@code hostSerial} unless it is this host or {@code foreign}. */
  public void checkHost(long hostSerial, boolean foreign) throws StoreException {
    long here = HostRecord.read(home).serial();
    if (hostSerial != here && !foreign) {
      throw new StoreException(CkResult.CKR_ACTION_PROHIBITED, "the backup is of a partition of "
          + "host " + hostSerial + " and this is host " + here + ": give -foreign to restore it "
          + "here (its key is then wrapped under this host's master key)");
    }
  }

  private void forget(long serial) {
    keys.forget(serial);
    listeners.fire(l -> l.partitionDeleted(serial));
  }

  private Table table(Part part) {
    return switch (part) {
      case CLIENTS -> db.clients;
      case CLIENTS_BY_FINGERPRINT -> db.clientsByFingerprint;
      case ROLES -> db.roles;
      case OBJECTS -> db.objects;
      case POLICIES -> db.policies;
    };
  }
}
