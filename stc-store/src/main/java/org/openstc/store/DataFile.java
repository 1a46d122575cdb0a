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
 * the file.
 */
final class DataFile {
  static final String NAME = "data.mdb";
  private static final int MAGIC = 0xBEEFC0DE;
  private static final int VERSION = 1;
  private static final int P_BRANCH = 0x01;
  private static final int P_LEAF = 0x02;
  private static final int P_META = 0x08;
  private static final int P_LEAF2 = 0x20;
  private static final long P_INVALID = -1L;
  private static final int MIN_PAGE = 512;
  private static final int MAX_PAGE = 65536;
  private static final int MAX_DEPTH = 64;
  private static final int META = 16;
  private static final int DB_RECORD = 48;
  private static final int META_BYTES = META + 136;

  /** Why a data file is refused; its message names the damage. */
  static final class Damaged extends Exception {
    private static final long serialVersionUID = 1L;

    Damaged(String message) {
      super(message);
    }
  }

  private record Meta(int page, int pageSize, long mapSize, long lastPage, long txnId, long[][] dbs) {}

  private DataFile() {}

  /** Throws {@link Damaged} unless the data file in {@code dir} is one LMDB can map safely. */
  static void check(Path dir) throws IOException, Damaged {
    try (FileChannel ch = FileChannel.open(dir.resolve(NAME), StandardOpenOption.READ)) {
      if (ch.size() == 0) {
        throw new Damaged("it is empty (0 bytes)");
      }
      Meta first = meta(ch, 0, 0);
      if (first.pageSize < MIN_PAGE || first.pageSize > MAX_PAGE || Integer.bitCount(first.pageSize) != 1) {
        throw new Damaged("meta page 0 records an impossible page size " + first.pageSize);
      }
      Meta second = meta(ch, 1, first.pageSize);
      Meta used = second.txnId > first.txnId ? second : first;
      long size = ch.size(); // after the meta pages: a writer grows the file before its meta
      consistent(ch, used, second.pageSize == first.pageSize ? first.pageSize : -1, size);
    }
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
    long[][] dbs = new long[2][];
    for (int i = 0; i < 2; i++) {
      int at = META + 24 + i * DB_RECORD;
      // depth, branch, leaf, overflow pages, root
      dbs[i] = new long[] {b.getShort(at + 6) & 0xffff, b.getLong(at + 8), b.getLong(at + 16),
          b.getLong(at + 24), b.getLong(at + 40)};
    }
    return new Meta(page, b.getInt(META + 24), b.getLong(META + 16), b.getLong(META + 120),
        b.getLong(META + 128), dbs);
  }

  private static void consistent(FileChannel ch, Meta m, int pageSize, long size)
      throws IOException, Damaged {
    String which = "meta page " + m.page;
    if (pageSize < 0) {
      throw new Damaged("the meta pages disagree on the page size");
    }
    if (m.lastPage < 1 || m.lastPage > Long.MAX_VALUE / pageSize - 1) {
      throw new Damaged(which + " records an impossible last page " + m.lastPage);
    }
    long end = (m.lastPage + 1) * pageSize;
    if (size < end) {
      throw new Damaged("truncated: " + size + " bytes, but " + which + " records pages up to byte " + end);
    }
    if (Long.compareUnsigned(m.mapSize, end) < 0) {
      throw new Damaged(which + " records a map size of " + m.mapSize + " bytes, smaller than its "
          + end + " bytes of pages");
    }
    for (int i = 0; i < 2; i++) {
      root(ch, which, i == 0 ? "free list" : "main database", m.dbs[i], m.lastPage, pageSize);
    }
  }

  private static void root(FileChannel ch, String which, String db, long[] r, long lastPage, int pageSize)
      throws IOException, Damaged {
    long root = r[4];
    if (root == P_INVALID) {
      return; // an empty database
    }
    boolean counts = r[1] >= 0 && r[2] >= 0 && r[3] >= 0 && r[1] + r[2] + r[3] <= lastPage + 1;
    if (root < 2 || root > lastPage || r[0] < 1 || r[0] > MAX_DEPTH || !counts) {
      throw new Damaged(which + " records an impossible " + db + " (root page " + root + ", depth "
          + r[0] + ", " + (r[1] + r[2] + r[3]) + " pages, last page " + lastPage + ")");
    }
    ByteBuffer p = read(ch, root * pageSize, META);
    int flags = p == null ? 0 : p.getShort(10);
    if (p == null || p.getLong(0) != root || (flags & (P_BRANCH | P_LEAF | P_LEAF2)) == 0) {
      throw new Damaged("the " + db + "'s root page " + root + " is not a tree page");
    }
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
