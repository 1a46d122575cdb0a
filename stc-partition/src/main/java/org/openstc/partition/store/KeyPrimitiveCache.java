package org.openstc.partition.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loaded key objects ({@code V}: the primitives built from a decrypted keyset), so that an encrypt
 * or sign does not decrypt the keyset and build its primitives again. Bounded: at most {@code
 * maxTotal} entries and {@code maxPerPartition} of one partition, the least recently used going
 * first. Thread-safe (one lock; loading happens outside it).
 *
 * <p>Each entry remembers the sealed keyset it was built from and the id of the read that last
 * saw that keyset stored; {@link #get} returns it only while that id is the store's last commit.
 * After any commit the caller reads the object again and {@link #confirm}s the entry when the
 * sealed bytes are the same, or {@link #put}s a new one: so a key destroyed or replaced by any
 * process is never used from here.
 *
 * <p>Evicted primitives are dropped, not wiped: Tink's keys keep their bytes in {@code
 * SecretBytes} (no wipe method) and the JDK's {@code SecretKeySpec} and EC private keys refuse
 * {@code destroy()} (DestroyFailedException on JDK 17 and 25). The raw key bytes taken out of a
 * keyset to build a JCA key are wiped at once ({@link RawKeys}).
 */
final class KeyPrimitiveCache<V> {
  static final int MAX_TOTAL = 4096;
  static final int MAX_PER_PARTITION = 1024;

  private record Key(long serial, long handle) {}

  private static final class Entry<V> {
    final V value;
    final byte[] sealed;
    long stamp;

    Entry(V value, byte[] sealed, long stamp) {
      this.value = value;
      this.sealed = sealed;
      this.stamp = stamp;
    }
  }

  private final int maxTotal;
  private final int maxPerPartition;
  private final LinkedHashMap<Key, Entry<V>> entries = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<Long, Integer> counts = new HashMap<>();

  KeyPrimitiveCache(int maxTotal, int maxPerPartition) {
    if (maxTotal < 1 || maxPerPartition < 1) {
      throw new IllegalArgumentException("cache bounds must be positive");
    }
    this.maxTotal = maxTotal;
    this.maxPerPartition = maxPerPartition;
  }

  /** The object's primitives if the store has not changed since they were last confirmed. */
  synchronized V get(long serial, long handle, long lastCommit) {
    Entry<V> e = entries.get(new Key(serial, handle));
    return e != null && e.stamp == lastCommit ? e.value : null;
  }

  /**
   * The cached primitives of the object if they were built from {@code sealed}, now confirmed
   * as of the read {@code stamp}; null when there are none or they were built from other bytes.
   */
  synchronized V confirm(long serial, long handle, byte[] sealed, long stamp) {
    Entry<V> e = entries.get(new Key(serial, handle));
    if (e == null || !Arrays.equals(e.sealed, sealed)) {
      return null;
    }
    e.stamp = Math.max(e.stamp, stamp);
    return e.value;
  }

  /** Caches {@code value}, built from {@code sealed} as read by the read {@code stamp}. */
  synchronized void put(long serial, long handle, byte[] sealed, V value, long stamp) {
    Key key = new Key(serial, handle);
    if (entries.put(key, new Entry<>(value, sealed.clone(), stamp)) == null) {
      counts.merge(serial, 1, Integer::sum);
    }
    if (counts.get(serial) > maxPerPartition) {
      evictEldest(serial);
    }
    if (entries.size() > maxTotal) {
      evictEldest(null);
    }
  }

  synchronized void remove(long serial, long handle) {
    if (entries.remove(new Key(serial, handle)) != null) {
      decrement(serial);
    }
  }

  /** Drops every object of the partition (deleted or re-initialized). */
  synchronized void removePartition(long serial) {
    entries.keySet().removeIf(k -> k.serial() == serial);
    counts.remove(serial);
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized int size(long serial) {
    return counts.getOrDefault(serial, 0);
  }

  /** Drops the least recently used entry, of {@code serial} when given. */
  private void evictEldest(Long serial) {
    Iterator<Key> it = entries.keySet().iterator();
    while (it.hasNext()) {
      Key k = it.next();
      if (serial == null || k.serial() == serial) {
        it.remove();
        decrement(k.serial());
        return;
      }
    }
  }

  private void decrement(long serial) {
    counts.computeIfPresent(serial, (s, n) -> n == 1 ? null : n - 1);
  }
}
