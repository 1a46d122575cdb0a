package org.openstc.command.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.openstc.command.MalformedCommandException;

/**
 * Strict reader of the command protocol's field encoding (docs/protocol.md, Part 2, "Encoding"):
 * big-endian integers, {@code bytes} = u32 length + data, {@code string} = u16 length + UTF-8. Every
 * read checks what is left; {@link #end()} refuses trailing bytes.
 *
 * <p>Internal: not API; may change without notice.
 */
public final class WireReader {
  private final ByteBuffer in;

  public WireReader(byte[] data) {
    this.in = ByteBuffer.wrap(data);
  }

  public int u8() throws MalformedCommandException {
    return need(1).get() & 0xff;
  }

  public int u16() throws MalformedCommandException {
    return need(2).getShort() & 0xffff;
  }

  public long u32() throws MalformedCommandException {
    return need(4).getInt() & 0xffffffffL;
  }

  public long u64() throws MalformedCommandException {
    return need(8).getLong();
  }

  /** A u32 that must lie in {@code min..max}; {@code name} appears in the error. */
  public int u32In(String name, int min, int max) throws MalformedCommandException {
    long v = u32();
    if (v < min || v > max) {
      throw new MalformedCommandException(name + " " + v + " is out of range (" + min + ".." + max + ")");
    }
    return (int) v;
  }

  public boolean bool() throws MalformedCommandException {
    int v = u8();
    if (v > 1) {
      throw new MalformedCommandException("boolean byte " + v + " is neither 0 nor 1");
    }
    return v == 1;
  }

  /** A u32-length-prefixed byte string of at most {@code max} bytes. */
  public byte[] bytes(int max) throws MalformedCommandException {
    long len = u32();
    if (len > max) {
      throw new MalformedCommandException("field of " + len + " bytes exceeds its limit of " + max);
    }
    byte[] out = new byte[(int) len];
    need(out.length).get(out);
    return out;
  }

  /** A u16-length-prefixed UTF-8 string of at most {@code maxBytes} encoded bytes. */
  public String string(int maxBytes) throws MalformedCommandException {
    int len = u16();
    if (len > maxBytes) {
      throw new MalformedCommandException("string of " + len + " bytes exceeds its limit of " + maxBytes);
    }
    ByteBuffer slice = need(len).slice().limit(len);
    in.position(in.position() + len);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedCommandException("string is not valid UTF-8");
    }
  }

  /** Everything left; used for bodies that are the rest of a frame. */
  public byte[] rest() {
    byte[] out = new byte[in.remaining()];
    in.get(out);
    return out;
  }

  public int remaining() {
    return in.remaining();
  }

  /** Refuses trailing bytes. */
  public void end() throws MalformedCommandException {
    if (in.hasRemaining()) {
      throw new MalformedCommandException(in.remaining() + " unexpected trailing bytes");
    }
  }

  private ByteBuffer need(int n) throws MalformedCommandException {
    if (in.remaining() < n) {
      throw new MalformedCommandException("truncated at byte " + in.position()
          + " (needed " + n + ", " + in.remaining() + " left)");
    }
    return in;
  }
}
