package org.openstc.bench;

import java.util.Comparator;
import jnr.ffi.Pointer;
import jnr.ffi.provider.MemoryManager;
import org.lmdbjava.BufferProxy;
import org.lmdbjava.ByteArrayProxy;

/**
 * The baseline of {@link LmdbProxyBenchmark}: the byte[] proxy the token and the host store used
 * before stc-store moved them to direct buffers (kept here only so the recorded comparison can be
 * run again; no store uses it).
 *
 * <p>A byte[] buffer proxy for lmdbjava that keeps the native copy of each key and value reachable
 * until the same thread has made {@link #PINNED} more copies.
 *
 * <p>lmdbjava's own {@code ByteArrayProxy.PROXY_BA} copies a key or value into native memory that
 * JNR frees when the Java {@link Pointer} object is garbage collected, and drops that object as soon
 * as the copy is made: a collection between the copy and the LMDB call (or before {@code mdb_put}
 * has copied the value into its page) lets LMDB read freed memory. Under concurrent load that
 * would show as records read back damaged. Operations of one thread are sequential and an
 * LMDB call takes at most two inputs (key and value), so pinning the last few copies per thread
 * keeps every input alive for the whole call.
 */
final class PinnedByteArrayProxy extends BufferProxy<byte[]> {
  static final PinnedByteArrayProxy INSTANCE = new PinnedByteArrayProxy();
  private static final int PINNED = 8;
  private static final MemoryManager MEMORY = jnr.ffi.Runtime.getSystemRuntime().getMemoryManager();
  private static final ThreadLocal<Pin> PINS = ThreadLocal.withInitial(Pin::new);

  /** The last {@link #PINNED} native copies this thread made. */
  private static final class Pin {
    final Pointer[] ring = new Pointer[PINNED];
    int next;

    void hold(Pointer p) {
      ring[next] = p;
      next = (next + 1) % PINNED;
    }
  }

  private PinnedByteArrayProxy() {}

  @Override
  protected byte[] allocate() {
    return new byte[0];
  }

  @Override
  protected void deallocate(byte[] buffer) {
    // Heap arrays need no release.
  }

  @Override
  protected byte[] getBytes(byte[] buffer) {
    return buffer;
  }

  @Override
  protected Comparator<byte[]> getSignedComparator() {
    return ByteArrayProxy::compareArraysSigned;
  }

  @Override
  protected Comparator<byte[]> getUnsignedComparator() {
    return ByteArrayProxy::compareArrays;
  }

  @Override
  protected void in(byte[] buffer, Pointer ptr, long ptrAddr) {
    Pointer copy = MEMORY.allocateDirect(Math.max(1, buffer.length));
    copy.put(0, buffer, 0, buffer.length);
    PINS.get().hold(copy);
    ptr.putLong(STRUCT_FIELD_OFFSET_SIZE, buffer.length);
    ptr.putAddress(STRUCT_FIELD_OFFSET_DATA, copy.address());
  }

  @Override
  protected void in(byte[] buffer, int size, Pointer ptr, long ptrAddr) {
    // Used only for MDB_RESERVE, which this store does not use (as lmdbjava's own proxy).
  }

  @Override
  protected byte[] out(byte[] buffer, Pointer ptr, long ptrAddr) {
    long address = ptr.getAddress(STRUCT_FIELD_OFFSET_DATA);
    int size = (int) ptr.getLong(STRUCT_FIELD_OFFSET_SIZE);
    byte[] out = new byte[size];
    MEMORY.newPointer(address, size).get(0, out, 0, size);
    return out;
  }
}
