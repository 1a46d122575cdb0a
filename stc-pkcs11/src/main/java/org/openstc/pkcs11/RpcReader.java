package org.openstc.pkcs11;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of one RPC message body (p11-kit rpc-message.c encoding: big-endian u32
 * lengths, CK_ULONG as u64, byte arrays as {@code u32 length || bytes} with 0xffffffff for
 * NULL). Strict: every length is checked against what is left of the message before anything
 * is allocated, and {@link #end()} refuses trailing bytes.
 */
final class RpcReader {
  /** The NULL marker of a byte array. */
  static final long NULL_LENGTH = 0xffffffffL;
  /** Nesting limit of attribute arrays inside attributes (p11-kit uses 8 as well). */
  static final int MAX_DEPTH = 8;

  private final byte[] data;
  private int pos;

  RpcReader(byte[] data) {
    this.data = data;
  }

  int remaining() {
    return data.length - pos;
  }

  int u8() throws RpcFormatException {
    need(1);
    return data[pos++] & 0xff;
  }

  long u32() throws RpcFormatException {
    need(4);
    long v = ((data[pos] & 0xffL) << 24) | ((data[pos + 1] & 0xffL) << 16)
        | ((data[pos + 2] & 0xffL) << 8) | (data[pos + 3] & 0xffL);
    pos += 4;
    return v;
  }

  /** A CK_ULONG (sent as u64). */
  long ulong() throws RpcFormatException {
    return (u32() << 32) | u32();
  }

  /** A byte array; null for the NULL marker. */
  byte[] byteArray() throws RpcFormatException {
    long len = u32();
    if (len == NULL_LENGTH) {
      return null;
    }
    if (len > remaining()) {
      throw new RpcFormatException("byte array of " + len + " bytes, " + remaining() + " left");
    }
    byte[] out = new byte[(int) len];
    System.arraycopy(data, pos, out, 0, out.length);
    pos += out.length;
    return out;
  }

  /** An 'ay' argument: a flag byte, then the array, or (flag 0) only a length without data. */
  byte[] byteArgument() throws RpcFormatException {
    int present = u8();
    if (present == 0) {
      u32();
      return null;
    }
    byte[] value = byteArray();
    return value == null ? new byte[0] : value;
  }

  /** An 'fy' or 'fu' argument: the capacity of the caller's output buffer (0: a size query). */
  long bufferCapacity() throws RpcFormatException {
    return u32();
  }

  /** A 'z' argument: a string (UTF-8, a trailing NUL dropped). */
  String zeroString() throws RpcFormatException {
    byte[] b = byteArray();
    if (b == null) {
      return "";
    }
    int n = b.length;
    while (n > 0 && b[n - 1] == 0) {
      n--;
    }
    return new String(b, 0, n, StandardCharsets.UTF_8);
  }

  /** An 'aA' argument: a template of attributes with values. */
  List<Attribute> attributes() throws RpcFormatException {
    return attributes(0);
  }

  private List<Attribute> attributes(int depth) throws RpcFormatException {
    if (depth >= MAX_DEPTH) {
      throw new RpcFormatException("attribute arrays nested deeper than " + MAX_DEPTH);
    }
    long count = u32();
    if (count > remaining() / 5) {
      throw new RpcFormatException(count + " attributes cannot fit in " + remaining() + " bytes");
    }
    List<Attribute> out = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      out.add(attribute(depth));
    }
    return out;
  }

  private Attribute attribute(int depth) throws RpcFormatException {
    long type = u32();
    if (u8() == 0) {
      return Attribute.unavailable(type);
    }
    long length = u32();
    switch (Attribute.kindOf(type)) {
      case BOOL:
        return Attribute.ofBool(type, u8() != 0);
      case ULONG:
        return Attribute.ofUlong(type, ulong());
      case NESTED:
        attributes(depth + 1);
        return Attribute.unavailable(type);
      case MECHANISMS:
        long n = u32();
        if (n > remaining() / 8) {
          throw new RpcFormatException(n + " mechanisms cannot fit in " + remaining() + " bytes");
        }
        for (long i = 0; i < n; i++) {
          ulong();
        }
        return Attribute.unavailable(type);
      default:
        byte[] value = byteArray();
        if (value != null && value.length > length) {
          throw new RpcFormatException("attribute value longer than its stated length");
        }
        return Attribute.ofBytes(type, value == null ? new byte[0] : value);
    }
  }

  /** An 'fA' argument: the types asked for and the caller's buffer size for each. */
  List<Attribute.Request> attributeRequests() throws RpcFormatException {
    return attributeRequests(0);
  }

  private List<Attribute.Request> attributeRequests(int depth) throws RpcFormatException {
    if (depth >= MAX_DEPTH) {
      throw new RpcFormatException("attribute templates nested deeper than " + MAX_DEPTH);
    }
    long count = u32();
    if (count > remaining() / 8) {
      throw new RpcFormatException(count + " attributes cannot fit in " + remaining() + " bytes");
    }
    List<Attribute.Request> out = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      long type = u32();
      long capacity = u32();
      if (capacity > 0 && Attribute.kindOf(type) == Attribute.Kind.NESTED) {
        attributeRequests(depth + 1);
      }
      out.add(new Attribute.Request(type, capacity));
    }
    return out;
  }

  /** An 'M' argument (protocol versions 0 and 1). */
  Mechanism mechanism() throws RpcFormatException, CkrException {
    return Mechanism.read(this);
  }

  /** Fails unless every byte was read. */
  void end() throws RpcFormatException {
    if (remaining() != 0) {
      throw new RpcFormatException(remaining() + " bytes after the last argument");
    }
  }

  private void need(int n) throws RpcFormatException {
    if (remaining() < n) {
      throw new RpcFormatException("message truncated: " + n + " bytes needed, " + remaining()
          + " left");
    }
  }
}
