package org.openstc.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks an existing LMDB {@code data.mdb} with plain reads before LMDB maps it. LMDB trusts its
 * file: a page number past the end of a truncated file, or a garbled meta page, makes it read
 * outside the file's mapped pages and the JVM dies of SIGBUS or SIGSEGV. So a store refuses a file
 * that fails these checks, and changes nothing.
 *
 * <p>The layout is LMDB 0.9's on a 64-bit little-endian machine (lmdbjava's native library): pages
 * 0 and 1 are meta pages, each a 16-byte page header (page number, pad, flags) followed by the
 * meta record: magic, format version, fixed address, map size, the free and main databases' records
 * (48 bytes each: pad, which holds the page size in the free database's record, flags, depth,
 * branch, leaf and overflow page counts, entries, root page), the last page used, and the
 * transaction id. LMDB opens the meta page with the higher transaction id; that one must agree with
 * the file, and every page of its trees is checked too ({@link PageWalk}).
 *
 * <p>Another process may be writing the store meanwhile, and LMDB reuses pages of older snapshots
 * (this check holds no LMDB reader slot). So a check that fails while the newer meta page has
 * changed is run again; damage is reported only against an unchanged meta page, and a store whose
 * meta page changes under every try is being written successfully and is let through. The same
 * walk counts the pages a store uses ({@link #pages}).
 */
final class DataFile {
  static final String NAME = "data.mdb";
  private static final int MAGIC = 0xBEEFC0DE;
  private static final int VERSION = 1;
  private static final int P_META = 0x08;
  private static final int MIN_PAGE = 512;
  private static final int MAX_PAGE = 65536;
  private static final int META = 16;
  private static final int DB_RECORD = 48;
  private static final int META_BYTES = META + 136;
  private static final int TRIES = 5;
  private static final int PAGE_TRIES = 50;

  /** Why a data file is refused; its message names the damage. */
  static final class Damaged extends Exception {
    private static final long serialVersionUID = 1L;

    Damaged(String message) {
      super(message);
    }
  }

  /** One meta page: its number, its bytes (little-endian) and the fields the checks use. */
  private record Meta(int page, ByteBuffer bytes) {
    int pageSize() {
      return bytes.getInt(META + 24); // the free database record's pad
    }

    long mapSize() {
      return bytes.getLong(META + 16);
    }

    long lastPage() {
      return bytes.getLong(META + 120);
    }

    long txnId() {
      return bytes.getLong(META + 128);
    }
  }

  private DataFile() {}

  /** Throws {@link Damaged} unless the data file in {@code dir} is one LMDB can map safely. */
  static void check(Path dir) throws IOException, Damaged {
    try (FileChannel ch = FileChannel.open(dir.resolve(NAME), StandardOpenOption.READ)) {
      if (ch.size() == 0) {
        throw new Damaged("it is empty (0 bytes)");
      }
      walk(ch, TRIES); // null: written successfully under every try, another process uses it
    }
  }

  /**
   * The pages the data file in {@code dir} uses, from a walk of the newest meta page's trees that
   * no commit overlapped. Holds no reader slot, so it pins nothing while a writer goes on.
   */
  static StorePages pages(Path dir) throws IOException, Damaged {
    try (FileChannel ch = FileChannel.open(dir.resolve(NAME), StandardOpenOption.READ)) {
      Walked w = walk(ch, PAGE_TRIES);
      if (w == null) {
        throw new IOException("the store in " + dir + " was written during each of " + PAGE_TRIES
            + " walks of its pages");
      }
      return new StorePages(w.meta.pageSize(), w.meta.lastPage(), 2 + w.walk.reached(),
          w.meta.mapSize(), w.meta.txnId());
    }
  }

  private record Walked(Meta meta, PageWalk walk) {}

  /**
   * Checks the newer meta page and walks its trees, again while a commit changed that meta page
   * meanwhile (the walk may have read pages a writer reused); damage is reported only against an
   * unchanged meta page. Null when the meta page changed under each of {@code tries} walks.
   */
  private static Walked walk(FileChannel ch, int tries) throws IOException, Damaged {
    for (int attempt = 1; attempt <= tries; attempt++) {
      Meta used = newer(ch);
      try {
        // The size after the meta page: a writer grows the file first.
        PageWalk walk = consistent(ch, used, ch.size());
        if (unchanged(ch, used)) {
          return new Walked(used, walk);
        }
      } catch (Damaged e) {
        if (unchanged(ch, used)) {
          throw e;
        }
      }
    }
    return null;
  }

  private static boolean unchanged(FileChannel ch, Meta used) throws IOException, Damaged {
    Meta now = newer(ch);
    return now.txnId() == used.txnId() && now.page() == used.page();
  }

  /** The meta page LMDB would use, after checking both are LMDB meta pages of one page size. */
  private static Meta newer(FileChannel ch) throws IOException, Damaged {
    Meta first = meta(ch, 0, 0);
    int pageSize = first.pageSize();
    if (pageSize < MIN_PAGE || pageSize > MAX_PAGE || Integer.bitCount(pageSize) != 1) {
      throw new Damaged("meta page 0 records an impossible page size " + pageSize);
    }
    Meta second = meta(ch, 1, pageSize);
    if (second.pageSize() != pageSize) {
      throw new Damaged("the meta pages disagree on the page size");
    }
    return second.txnId() > first.txnId() ? second : first;
  }

  private static Meta meta(FileChannel ch, int page, int pageSize) throws IOException, Damaged {
    ByteBuffer b = read(ch, (long) page * pageSize, META_BYTES);
    if (b == null) {
      throw new Damaged("truncated to " + ch.size() + " bytes: meta page " + page + " is incomplete");
    }
    if ((b.getShort(10) & P_META) == 0 || b.getInt(META) != MAGIC) {
      throw new Damaged("page " + page + " is not an LMDB meta page");
    }
    if (b.getInt(META + 4) != VERSION) {
      throw new Damaged("meta page " + page + " has LMDB format version " + b.getInt(META + 4)
          + ", not " + VERSION);
    }
    return new Meta(page, b);
  }

  private static PageWalk consistent(FileChannel ch, Meta m, long size) throws IOException, Damaged {
    String which = "meta page " + m.page();
    int pageSize = m.pageSize();
    long lastPage = m.lastPage();
    if (lastPage < 1 || lastPage >= Integer.MAX_VALUE) {
      throw new Damaged(which + " records an impossible last page " + lastPage);
    }
    long end = (lastPage + 1) * pageSize;
    if (size < end) {
      throw new Damaged("truncated: " + size + " bytes, but " + which + " records pages up to byte " + end);
    }
    if (Long.compareUnsigned(m.mapSize(), end) < 0) {
      throw new Damaged(which + " records a map size of " + m.mapSize() + " bytes, smaller than its "
          + end + " bytes of pages");
    }
    PageWalk walk = new PageWalk(ch, pageSize, lastPage);
    walk.tree("free list", m.bytes(), META + 24);
    walk.tree("main database", m.bytes(), META + 24 + DB_RECORD);
    return walk;
  }

  /** {@code n} bytes at {@code at}, little-endian, or null if the file ends first. */
  private static ByteBuffer read(FileChannel ch, long at, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (ch.read(b, at + b.position()) < 0) {
        return null;
      }
    }
    return b.flip();
  }
}
