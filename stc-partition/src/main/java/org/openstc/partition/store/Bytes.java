package org.openstc.partition.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Key layouts of the host store (docs/protocol.md does not cover them; see HostStore). */
final class Bytes {
  private Bytes() {}

  static byte[] u32(long v) {
    return ByteBuffer.allocate(4).putInt((int) v).array();
  }

  static long readU32(byte[] b) {
    return ByteBuffer.wrap(b).getInt() & 0xffffffffL;
  }

  static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static long readU64(byte[] b) {
    return ByteBuffer.wrap(b).getLong();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** {@code serial (8 bytes) || suffix}: every per-partition key starts with the serial. */
  static byte[] key(long serial, byte[] suffix) {
    return ByteBuffer.allocate(8 + suffix.length).putLong(serial).put(suffix).array();
  }

  /** {@code serial || u32 handle}. */
  static byte[] key(long serial, long handle) {
    return key(serial, u32(handle));
  }

  static byte[] prefix(long serial) {
    return u64(serial);
  }

  /** The part of a per-partition key after the serial. */
  static byte[] suffix(byte[] key) {
    byte[] out = new byte[key.length - 8];
    System.arraycopy(key, 8, out, 0, out.length);
    return out;
  }
}
