package org.openstc.cli.e2e;

import org.openstc.store.StorePages;

/**
 * The soak's LMDB leak criterion: across a stretch of churn that keeps the stored data bounded
 * (every object or registration made is removed again a few writes later), neither the pages the
 * trees hold nor the file's last page may grow by more than {@link #SLACK} pages plus one page per
 * {@link #WRITES_PER_PAGE} writes. The stretch must come after a warm-up of the same churn: LMDB
 * grows the file until its free list covers the pages a commit needs while readers hold older
 * snapshots, then reuses them.
 *
 * <p>What a leak does to it: rows never deleted (each object or registration is hundreds of bytes,
 * a page per ten or so writes) grow the trees; a reader that never ends pins every page freed
 * after its snapshot, so each commit takes fresh pages at the end of the file (several a commit).
 * Both pass the bound after a few hundred writes ({@code StorePageGrowthTest}).
 */
final class StorePageGrowth {
  static final long SLACK = 8;
  static final long WRITES_PER_PAGE = 64;

  private StorePageGrowth() {}

  /** Null if {@code before} to {@code after}, {@code writes} commits apart, is bounded; else why not. */
  static String leak(StorePages before, StorePages after, long writes) {
    long bound = SLACK + writes / WRITES_PER_PAGE;
    long trees = after.treePages() - before.treePages();
    long file = after.used() - before.used();
    if (trees > bound) {
      return "the store's trees grew by " + trees + " pages in " + writes + " writes (bound " + bound
          + "): data not deleted; " + before + " -> " + after;
    } else if (file > bound) {
      return "the store's file grew by " + file + " pages in " + writes + " writes (bound " + bound
          + ") with its trees bounded: freed pages not reused (a reader pins them); " + before
          + " -> " + after;
    }
    return null;
  }
}
