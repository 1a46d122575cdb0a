package org.openstc.command;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writer of the field encoding that {@link WireReader} reads. */
public final class WireWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public WireWriter u8(int v) {
    checkRange(v, 0xff);
    out.write(v);
    return this;
  }

  public WireWriter u16(int v) {
    checkRange(v, 0xffff);
    out.write(v >>> 8);
    out.write(v);
    return this;
  }

  public WireWriter u32(long v) {
    checkRange(v, 0xffffffffL);
    for (int shift = 24; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
    return this;
  }

  public WireWriter u64(long v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (v >>> shift));
    }
    return this;
  }

  public WireWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  public WireWriter bytes(byte[] v) {
    u32(v.length);
    out.writeBytes(v);
    return this;
  }

  public WireWriter string(String v) {
    byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
    u16(utf8.length);
    out.writeBytes(utf8);
    return this;
  }

  /** Raw bytes with no length prefix (the rest of a frame). */
  public WireWriter raw(byte[] v) {
    out.writeBytes(v);
    return this;
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }

  private static void checkRange(long v, long max) {
    if (v < 0 || v > max) {
      throw new IllegalArgumentException("value " + v + " does not fit (0.." + max + ")");
    }
  }
}
