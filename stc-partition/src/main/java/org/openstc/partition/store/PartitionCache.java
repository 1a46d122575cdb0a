package org.openstc.partition.store;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What the command service checks before every command (the partition record and whether the
 * partition is activated), read once and then served from memory while the store is unchanged.
 *
 * <p>Each entry carries the id of the read that made it; it is used only while that is still the
 * store's {@link Lmdb#lastCommit last commit}, so a change by any process (another {@code stcsh}
 * deactivating the partition, say) is seen by the next command: the first command after any
 * commit reads again, in one transaction instead of the two it used to take. The host store's
 * listener also drops a deleted or re-initialized partition at once. One entry per partition, so
 * the cache is bounded by the number of partitions; records hold no secret in clear (the
 * partition key and identity key in them are wrapped).
 */
public final class PartitionCache {
  /** A partition as of the read with id {@code stamp}. */
  public record View(PartitionRecord record, boolean activated, long stamp) {}

  private final Lmdb db;
  private final Partitions partitions;
  private final Policies policies;
  private final ConcurrentHashMap<Long, View> views = new ConcurrentHashMap<>();

  PartitionCache(Lmdb db, Partitions partitions, Policies policies) {
    this.db = db;
    this.partitions = partitions;
    this.policies = policies;
  }

  /** The partition as it is now; refused as {@link Partitions#bySerial} refuses. */
  public View view(long serial) throws StoreException {
    View v = current(serial);
    if (v != null) {
      return v;
    }
    View fresh;
    try {
      fresh = db.read(txn -> new View(partitions.require(txn, serial),
          policies.activated(txn, serial), txn.id()));
    } catch (StoreException e) {
      views.remove(serial); // deleted by another process: keep no entry for it
      throw e;
    }
    views.merge(serial, fresh, (old, now) -> now.stamp() >= old.stamp() ? now : old);
    return fresh;
  }

  /**
   * The cached view of the partition if it is still current, else null (then {@link #view} reads
   * it); never opens a transaction.
   */
  public View current(long serial) throws StoreException {
    View v = views.get(serial);
    return v != null && v.stamp() == db.lastCommit() ? v : null;
  }

  /** Forgets the partition (deleted or re-initialized in this process). */
  void forget(long serial) {
    views.remove(serial);
  }

  /** How many partitions are cached (tests). */
  int size() {
    return views.size();
  }
}
