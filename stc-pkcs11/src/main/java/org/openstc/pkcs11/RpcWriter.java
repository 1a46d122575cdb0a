package org.openstc.pkcs11;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Writes the fields of one RPC response body, in p11-kit's encoding (see {@link RpcReader}). */
final class RpcWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  RpcWriter u8(int v) {
    out.write(v);
    return this;
  }

  RpcWriter u32(long v) {
    out.write((int) (v >>> 24));
    out.write((int) (v >>> 16));
    out.write((int) (v >>> 8));
    out.write((int) v);
    return this;
  }

  /** A CK_ULONG, as u64. */
  RpcWriter ulong(long v) {
    return u32(v >>> 32).u32(v & 0xffffffffL);
  }

  RpcWriter byteArray(byte[] b) {
    u32(b.length);
    out.writeBytes(b);
    return this;
  }

  /** An 'ay' result: the bytes; or, when {@code bytes} is null, only the length needed. */
  RpcWriter byteResult(byte[] bytes, long length) {
    if (bytes == null) {
      return u8(0).u32(length);
    }
    return u8(1).byteArray(bytes);
  }

  /** An 'au' result: the values; or, when {@code values} is null, only how many there are. */
  RpcWriter ulongResult(long[] values, long count) {
    u8(values == null ? 0 : 1).u32(values == null ? count : values.length);
    if (values != null) {
      for (long v : values) {
        ulong(v);
      }
    }
    return this;
  }

  /** An 's' field: {@code text} in UTF-8, cut or space-padded to exactly {@code width} bytes. */
  RpcWriter padded(String text, int width) {
    byte[] b = new byte[width];
    Arrays.fill(b, (byte) ' ');
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(width, t.length);
    while (n > 0 && n < t.length && (t[n] & 0xC0) == 0x80) {
      n--; // do not cut a UTF-8 sequence
    }
    System.arraycopy(t, 0, b, 0, n);
    return byteArray(b);
  }

  /** A 'v' field: CK_VERSION. */
  RpcWriter version(int major, int minor) {
    return u8(major).u8(minor);
  }

  /**
   * An 'aA' result of C_GetAttributeValue: each entry either unavailable (validity 0), a size
   * answer (value length, no value), or the value.
   */
  RpcWriter attributeResult(List<AttributeAnswer> answers) {
    u32(answers.size());
    for (AttributeAnswer a : answers) {
      u32(a.type());
      if (a.value() == null) {
        u8(0);
        continue;
      }
      u8(1).u32(a.value().valueLength());
      Attribute v = a.value();
      switch (Attribute.kindOf(a.type())) {
        case BOOL:
          u8(a.sizeOnly() || !v.bool() ? 0 : 1);
          break;
        case ULONG:
          ulong(a.sizeOnly() ? 0 : v.ulong());
          break;
        default:
          if (a.sizeOnly()) {
            u32(RpcReader.NULL_LENGTH);
          } else {
            byteArray(v.bytes());
          }
      }
    }
    return this;
  }

  /** One answered attribute: {@code value} null when unavailable. */
  record AttributeAnswer(long type, Attribute value, boolean sizeOnly) {}

  /** These bytes followed by those of {@code rest}. */
  byte[] toByteArray(RpcWriter rest) {
    out.writeBytes(rest.toByteArray());
    return out.toByteArray();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
