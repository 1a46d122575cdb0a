package org.openstc.stc.wire;

import java.util.Arrays;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;

/** One decoded frame: its type and body. The body array is owned by the frame. */
public final class Frame {
  private final FrameType type;
  private final byte[] bytes;
  private final int bodyOffset;
  private final int bodyLength;

  private Frame(FrameType type, byte[] bytes, int bodyOffset, int bodyLength) {
    this.type = type;
    this.bytes = bytes;
    this.bodyOffset = bodyOffset;
    this.bodyLength = bodyLength;
  }

  /**
   * Checks a frame header: known type, body length within that type's bounds.
   *
   * @return the type
   * @throws StcException {@code CKR_STC_FRAME_INVALID} otherwise
   */
  public static FrameType checkHeader(int typeCode, int bodyLength) throws StcException {
    FrameType type = FrameType.fromCode(typeCode & 0xff).orElseThrow(() -> new StcException(
        StcError.CKR_STC_FRAME_INVALID, String.format("unknown frame type 0x%02x", typeCode & 0xff)));
    if (bodyLength < type.minBody() || bodyLength > type.maxBody()) {
      throw new StcException(StcError.CKR_STC_FRAME_INVALID, type + " body length " + bodyLength
          + " outside " + type.minBody() + ".." + type.maxBody());
    }
    return type;
  }

  /**
   * Decodes exactly one whole frame from {@code buf[off, off+len)}: a short buffer, trailing bytes,
   * an unknown type or a bad length are all {@code CKR_STC_FRAME_INVALID}. The bytes are not copied.
   */
  public static Frame decode(byte[] buf, int off, int len) throws StcException {
    if (len < Wire.FRAME_HEADER) {
      throw new StcException(StcError.CKR_STC_FRAME_INVALID, "truncated frame header");
    }
    int bodyLength = (buf[off + 1] & 0xff) << 16 | (buf[off + 2] & 0xff) << 8 | buf[off + 3] & 0xff;
    FrameType type = checkHeader(buf[off], bodyLength);
    if (len != Wire.FRAME_HEADER + bodyLength) {
      throw new StcException(StcError.CKR_STC_FRAME_INVALID, len < Wire.FRAME_HEADER + bodyLength
          ? "truncated " + type + " frame" : "trailing bytes after " + type + " frame");
    }
    return new Frame(type, buf, off + Wire.FRAME_HEADER, bodyLength);
  }

  public static Frame decode(byte[] frame) throws StcException {
    return decode(frame, 0, frame.length);
  }

  /** Encodes a frame with a copy of {@code body}. */
  public static byte[] encode(FrameType type, byte[] body) {
    byte[] out = new byte[Wire.FRAME_HEADER + body.length];
    writeHeader(type, body.length, out, 0);
    System.arraycopy(body, 0, out, Wire.FRAME_HEADER, body.length);
    return out;
  }

  public static void writeHeader(FrameType type, int bodyLength, byte[] out, int off) {
    out[off] = (byte) type.code();
    out[off + 1] = (byte) (bodyLength >>> 16);
    out[off + 2] = (byte) (bodyLength >>> 8);
    out[off + 3] = (byte) bodyLength;
  }

  public FrameType type() {
    return type;
  }

  /** The array holding the whole frame (header at {@link #frameOffset()}). */
  public byte[] array() {
    return bytes;
  }

  public int frameOffset() {
    return bodyOffset - Wire.FRAME_HEADER;
  }

  public int frameLength() {
    return Wire.FRAME_HEADER + bodyLength;
  }

  public int bodyOffset() {
    return bodyOffset;
  }

  public int bodyLength() {
    return bodyLength;
  }

  /** A copy of the body. */
  public byte[] body() {
    return Arrays.copyOfRange(bytes, bodyOffset, bodyOffset + bodyLength);
  }

  @Override
  public String toString() {
    return type + "[" + bodyLength + " bytes]";
  }
}
