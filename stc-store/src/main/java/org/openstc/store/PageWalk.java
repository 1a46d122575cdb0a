package org.openstc.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.BitSet;

/**
 * Reads every page of the B-trees one meta page reaches (the free list, the main database and the
 * named databases it holds) and checks what LMDB would trust when it follows them: each page is in
 * the file, named by its own header, reached once, a branch above and a leaf at the bottom; each
 * node lies inside its page; each large value's overflow pages are in the file and long enough.
 * The layout is {@link DataFile}'s: 16-byte page headers (page number, pad, flags, lower and upper
 * bounds of the free space or, on an overflow page, its page count), node offsets after the header,
 * 8-byte node headers (size or child page number in three 16-bit parts, flags, key size).
 */
final class PageWalk {
  private static final int HEADER = 16;
  private static final int NODE = 8;
  private static final int DB_RECORD = 48;
  private static final int MAX_DEPTH = 64;
  private static final long P_INVALID = -1L;
  private static final int P_BRANCH = 0x01;
  private static final int P_LEAF = 0x02;
  private static final int P_OVERFLOW = 0x04;
  private static final int F_BIGDATA = 0x01;
  private static final int F_SUBDATA = 0x02;
  private static final int F_DUPDATA = 0x04;

  private final FileChannel ch;
  private final int pageSize;
  private final long lastPage;
  private final BitSet seen = new BitSet();

  PageWalk(FileChannel ch, int pageSize, long lastPage) {
    this.ch = ch;
    this.pageSize = pageSize;
    this.lastPage = lastPage;
  }

  /** Checks the database record at {@code at} of {@code b} and every page of its tree. */
  void tree(String db, ByteBuffer b, int at) throws IOException, DataFile.Damaged {
    int depth = u16(b, at + 6);
    long pages = b.getLong(at + 8) + b.getLong(at + 16) + b.getLong(at + 24);
    long root = b.getLong(at + 40);
    if (root == P_INVALID) {
      return; // an empty database
    }
    boolean counts = b.getLong(at + 8) >= 0 && b.getLong(at + 16) >= 0 && b.getLong(at + 24) >= 0
        && pages >= 0 && pages <= lastPage + 1;
    if (root < 2 || root > lastPage || depth < 1 || depth > MAX_DEPTH || !counts) {
      throw new DataFile.Damaged("the " + db + " record is impossible (root page " + root + ", depth "
          + depth + ", " + pages + " pages, last page " + lastPage + ")");
    }
    page(db, root, depth);
  }

  /** How many pages the trees walked so far reach (overflow pages included). */
  long reached() {
    return seen.cardinality();
  }

  private void page(String db, long pgno, int level) throws IOException, DataFile.Damaged {
    ByteBuffer p = claim(db, pgno);
    int flags = u16(p, 10);
    boolean branch = (flags & P_BRANCH) != 0;
    boolean leaf = (flags & P_LEAF) != 0;
    if (branch == leaf || leaf != (level == 1)) {
      throw damaged(db, pgno, "is not the " + (level == 1 ? "leaf" : "branch") + " page its tree needs");
    }
    int lower = u16(p, 12);
    int upper = u16(p, 14);
    if (lower < HEADER || (lower - HEADER) % 2 != 0 || lower > upper || upper > pageSize) {
      throw damaged(db, pgno, "has impossible bounds " + lower + ".." + upper);
    }
    for (int i = HEADER; i < lower; i += 2) {
      int node = u16(p, i);
      int ksize = node + NODE <= pageSize ? u16(p, node + 6) : 0;
      if (node < upper || node + NODE + ksize > pageSize) {
        throw damaged(db, pgno, "has a node outside the page");
      }
      if (branch) {
        long child = u16(p, node) | (long) u16(p, node + 2) << 16 | (long) u16(p, node + 4) << 32;
        page(db, child, level - 1);
      } else {
        value(db, p, pgno, node, node + NODE + ksize);
      }
    }
  }

  private void value(String db, ByteBuffer p, long pgno, int node, int data)
      throws IOException, DataFile.Damaged {
    int flags = u16(p, node + 4);
    long size = u16(p, node) | (long) u16(p, node + 2) << 16;
    if ((flags & F_DUPDATA) != 0) {
      throw damaged(db, pgno, "holds sorted duplicates, which these stores never write");
    } else if ((flags & F_BIGDATA) != 0) {
      if (data + Long.BYTES > pageSize) {
        throw damaged(db, pgno, "has a node outside the page");
      }
      overflow(db, p.getLong(data), size);
    } else if (data + size > pageSize) {
      throw damaged(db, pgno, "has a value outside the page");
    } else if ((flags & F_SUBDATA) != 0) {
      if (size != DB_RECORD) {
        throw damaged(db, pgno, "has a named database record of " + size + " bytes");
      }
      tree("named database on page " + pgno, p, data);
    }
  }

  private void overflow(String db, long pgno, long size) throws IOException, DataFile.Damaged {
    ByteBuffer o = claim(db, pgno);
    long pages = o.getInt(12) & 0xffffffffL;
    if ((u16(o, 10) & P_OVERFLOW) == 0 || pages < 1 || pgno + pages - 1 > lastPage
        || pages * pageSize - HEADER < size) {
      throw damaged(db, pgno, "is not the overflow page of a " + size + "-byte value");
    }
    for (long q = pgno + 1; q < pgno + pages; q++) {
      mark(db, q);
    }
  }

  /** The page {@code pgno}, read whole, after checking it is in the file, unseen, and self-named. */
  private ByteBuffer claim(String db, long pgno) throws IOException, DataFile.Damaged {
    if (pgno < 2 || pgno > lastPage) {
      throw new DataFile.Damaged("the " + db + " refers to page " + pgno + ", outside pages 2.."
          + lastPage);
    }
    mark(db, pgno);
    ByteBuffer p = ByteBuffer.allocate(pageSize).order(ByteOrder.LITTLE_ENDIAN);
    while (p.hasRemaining()) {
      if (ch.read(p, pgno * pageSize + p.position()) < 0) {
        throw damaged(db, pgno, "is past the end of the file");
      }
    }
    if (p.getLong(0) != pgno) {
      throw damaged(db, pgno, "is not a page of this file (its header says " + p.getLong(0) + ")");
    }
    return p;
  }

  private void mark(String db, long pgno) throws DataFile.Damaged {
    if (seen.get((int) pgno)) {
      throw damaged(db, pgno, "is reached twice");
    }
    seen.set((int) pgno);
  }

  private static DataFile.Damaged damaged(String db, long pgno, String what) {
    return new DataFile.Damaged("page " + pgno + " of the " + db + " " + what);
  }

  private static int u16(ByteBuffer b, int at) {
    return b.getShort(at) & 0xffff;
  }
}
