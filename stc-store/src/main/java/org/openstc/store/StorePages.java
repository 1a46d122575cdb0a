package org.openstc.store;

/**
 * How many pages of its data file a store uses, read from the file's newest meta page and the
 * trees it reaches ({@link LmdbStore#pages}): {@code pageSize} bytes a page, pages
 * {@code 0..lastPage} in use by the file (its high-water mark: LMDB grows it only when no freed
 * page can be reused), {@code treePages} of them holding the meta pages and the trees of that
 * snapshot (live data, the free list's own pages included), and the map size (the file's limit).
 * The rest of {@code 0..lastPage} is free or still held for older snapshots.
 */
public record StorePages(int pageSize, long lastPage, long treePages, long mapSize, long txnId) {
  /** Pages {@code 0..lastPage}: what the file uses. */
  public long used() {
    return lastPage + 1;
  }

  /** Pages up to the last one that hold no tree of this snapshot (free, or of older snapshots). */
  public long unused() {
    return used() - treePages;
  }

  /** The share of the map size the file uses, 0..1. */
  public double mapUse() {
    return (double) used() * pageSize / mapSize;
  }

  @Override
  public String toString() {
    return used() + " pages used (" + treePages + " in trees), " + pageSize + " B each, "
        + String.format("%.2f%%", 100 * mapUse()) + " of the map, transaction " + txnId;
  }
}
