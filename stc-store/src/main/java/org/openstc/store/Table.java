package org.openstc.store;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;

/**
 * One LMDB database of {@code byte[]} keys (1 to 511 bytes) and values, in key order. Every method
 * runs inside a {@link Tx}; what it returns is a copy the caller owns.
 */
public final class Table {
  private final Dbi<ByteBuffer> dbi;

  Table(Dbi<ByteBuffer> dbi) {
    this.dbi = dbi;
  }

  /** The value stored under {@code key}, or null. */
  public byte[] get(Tx tx, byte[] key) {
    ByteBuffer k = DirectBuffers.mine().key(key);
    ByteBuffer v = dbi.get(tx.txn(), k);
    byte[] out = v == null ? null : DirectBuffers.copy(v);
    Reference.reachabilityFence(k);
    return out;
  }

  /** Stores {@code value} under {@code key}, replacing any value there. */
  public void put(Tx tx, byte[] key, byte[] value) {
    DirectBuffers buffers = DirectBuffers.mine();
    ByteBuffer k = buffers.key(key);
    ByteBuffer v = buffers.value(value);
    dbi.put(tx.txn(), k, v);
    Reference.reachabilityFence(k);
    Reference.reachabilityFence(v);
  }

  /** Deletes {@code key}; false if it was not there. */
  public boolean delete(Tx tx, byte[] key) {
    ByteBuffer k = DirectBuffers.mine().key(key);
    boolean deleted = dbi.delete(tx.txn(), k);
    Reference.reachabilityFence(k);
    return deleted;
  }

  /** Deletes every record (the table stays). */
  public void clear(Tx tx) {
    dbi.drop(tx.txn());
  }

  /** Copies of the keys and values whose key starts with {@code prefix} (empty: all), in key order. */
  public List<byte[][]> scan(Tx tx, byte[] prefix) {
    List<byte[][]> out = new ArrayList<>();
    try (Cursor<ByteBuffer> c = dbi.openCursor(tx.txn())) {
      boolean found = seek(c, prefix);
      while (found) {
        byte[] key = DirectBuffers.copy(c.key());
        if (!startsWith(key, prefix)) {
          break;
        }
        out.add(new byte[][] {key, DirectBuffers.copy(c.val())});
        found = c.next();
      }
    }
    return out;
  }

  /** Deletes every record whose key starts with {@code prefix}; how many there were. */
  public int deletePrefix(Tx tx, byte[] prefix) {
    List<byte[][]> doomed = scan(tx, prefix);
    for (byte[][] kv : doomed) {
      delete(tx, kv[0]);
    }
    return doomed.size();
  }

  private static boolean seek(Cursor<ByteBuffer> c, byte[] prefix) {
    if (prefix.length == 0) {
      return c.first();
    }
    ByteBuffer k = DirectBuffers.mine().key(prefix);
    boolean found = c.get(k, GetOp.MDB_SET_RANGE);
    Reference.reachabilityFence(k);
    return found;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
