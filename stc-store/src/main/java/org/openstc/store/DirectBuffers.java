package org.openstc.store;

import java.nio.ByteBuffer;

/**
 * Each thread's direct buffers for the keys and values it hands to LMDB.
 *
 * <p>LMDB reads a key or value from native memory during the call (and {@code mdb_put} copies the
 * value into its page). A direct buffer's memory is freed when the buffer object is collected, so
 * the buffer must stay reachable for the whole call: these belong to the thread, which keeps them
 * alive; a value too large to keep is a one-off buffer its caller fences ({@link
 * java.lang.ref.Reference#reachabilityFence}). One thread makes one LMDB call at a time, so one key
 * and one value buffer per thread are enough.
 */
final class DirectBuffers {
  /** LMDB's default maximum key size is 511 bytes. */
  static final int MAX_KEY = 511;
  private static final int KEPT_VALUE = 64 * 1024;
  private static final ThreadLocal<DirectBuffers> MINE = ThreadLocal.withInitial(DirectBuffers::new);

  private final ByteBuffer key = ByteBuffer.allocateDirect(MAX_KEY);
  private ByteBuffer value = ByteBuffer.allocateDirect(1024);

  private DirectBuffers() {}

  static DirectBuffers mine() {
    return MINE.get();
  }

  /** {@code k} in this thread's key buffer, ready to read. */
  ByteBuffer key(byte[] k) {
    if (k.length == 0 || k.length > MAX_KEY) {
      throw new IllegalArgumentException("an LMDB key has 1 to " + MAX_KEY + " bytes, not " + k.length);
    }
    key.clear();
    return key.put(k).flip();
  }

  /** {@code v} in this thread's value buffer, or in a one-off buffer if it is larger than we keep. */
  ByteBuffer value(byte[] v) {
    if (v.length > value.capacity()) {
      if (v.length > KEPT_VALUE) {
        return ByteBuffer.allocateDirect(v.length).put(v).flip();
      }
      value = ByteBuffer.allocateDirect(Math.min(KEPT_VALUE, Integer.highestOneBit(v.length) << 1));
    }
    value.clear();
    return value.put(v).flip();
  }

  /** A copy of what LMDB returned (its buffer points into the map and is valid only briefly). */
  static byte[] copy(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
