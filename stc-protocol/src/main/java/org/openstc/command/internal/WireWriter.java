package org.openstc.command.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openstc.command.internal.WireReader;

/**
 * Writer of the field encoding that {@link WireReader} reads. The buffer is overwritten when it
 * grows, and {@link #wipe()} clears it, so a writer that encoded a PIN leaves no stray copy.
 *
 * <p>Internal: not API; may change without notice.
 */
public final class WireWriter {
  private byte[] buf = new byte[64];
  private int count;

  public WireWriter u8(int v) {
    checkRange(v, 0xff);
    put(v);
    return this;
  }

  public WireWriter u16(int v) {
    checkRange(v, 0xffff);
    put(v >>> 8);
    put(v);
    return this;
  }

  public WireWriter u32(long v) {
    checkRange(v, 0xffffffffL);
    for (int shift = 24; shift >= 0; shift -= 8) {
      put((int) (v >>> shift));
    }
    return this;
  }

  public WireWriter u64(long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      put((int) (v >>> shift));
    }
    return this;
  }

  public WireWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  public WireWriter bytes(byte[] v) {
    u32(v.length);
    return raw(v);
  }

  public WireWriter string(String v) {
    byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
    u16(utf8.length);
    return raw(utf8);
  }

  /** Raw bytes with no length prefix (the rest of a frame). */
  public WireWriter raw(byte[] v) {
    ensure(v.length);
    System.arraycopy(v, 0, buf, count, v.length);
    count += v.length;
    return this;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, count);
  }

  /** Overwrites everything written so far with zeros and empties the writer. */
  public void wipe() {
    Arrays.fill(buf, (byte) 0);
    count = 0;
  }

  private void put(int b) {
    ensure(1);
    buf[count++] = (byte) b;
  }

  private void ensure(int more) {
    if (buf.length - count >= more) {
      return;
    }
    byte[] bigger = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    Arrays.fill(buf, (byte) 0);
    buf = bigger;
  }

  private static void checkRange(long v, long max) {
    if (v < 0 || v > max) {
      throw new IllegalArgumentException("value " + v + " does not fit (0.." + max + ")");
    }
  }
}
