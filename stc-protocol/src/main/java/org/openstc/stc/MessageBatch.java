package org.openstc.stc;

import java.util.ArrayList;
import java.util.List;

/**
 * Several messages in one DATA record (docs/protocol.md 24a). The payload of a DATA record with
 * {@link org.openstc.stc.wire.Wire#FLAG_SEVERAL} is 1 to {@value #MAX_MESSAGES} items
 * {@code u32 length || message}, each message at least one byte, that fill the payload exactly.
 * A receiver checks the whole payload before it hands out any message: a record that breaks a
 * rule delivers nothing and fails with {@code CKR_STC_FRAME_INVALID}.
 */
public final class MessageBatch {
  /** The most messages one record may carry. */
  public static final int MAX_MESSAGES = 64;
  /** The length prefix of each message. */
  public static final int PREFIX = 4;

  private MessageBatch() {}

  /** Bytes a message of {@code messageLength} bytes takes inside a batch. */
  public static int sizeOf(int messageLength) {
    return PREFIX + messageLength;
  }

  /** Writes {@code message} with its length prefix at {@code out[off]}; returns the next offset. */
  public static int put(byte[] message, byte[] out, int off) {
    int n = message.length;
    out[off] = (byte) (n >>> 24);
    out[off + 1] = (byte) (n >>> 16);
    out[off + 2] = (byte) (n >>> 8);
    out[off + 3] = (byte) n;
    System.arraycopy(message, 0, out, off + PREFIX, n);
    return off + PREFIX + n;
  }

  /** The payload carrying {@code messages} (1..64, none empty), in order. */
  public static byte[] encode(List<byte[]> messages) {
    if (messages.isEmpty() || messages.size() > MAX_MESSAGES) {
      throw new IllegalArgumentException("a batch holds 1.." + MAX_MESSAGES + " messages");
    }
    int total = 0;
    for (byte[] m : messages) {
      if (m.length == 0) {
        throw new IllegalArgumentException("an empty message cannot travel in a batch");
      }
      total += sizeOf(m.length);
    }
    byte[] out = new byte[total];
    int off = 0;
    for (byte[] m : messages) {
      off = put(m, out, off);
    }
    return out;
  }

  /**
   * The messages of a several-messages payload, in order; {@code CKR_STC_FRAME_INVALID} if the
   * payload breaks any rule (then no message is returned).
   */
  public static List<byte[]> split(byte[] payload) throws StcException {
    int count = check(payload);
    List<byte[]> out = new ArrayList<>(count);
    int off = 0;
    while (off < payload.length) {
      int n = lengthAt(payload, off);
      off += PREFIX;
      byte[] m = new byte[n];
      System.arraycopy(payload, off, m, 0, n);
      out.add(m);
      off += n;
    }
    return out;
  }

  /** Walks the payload without copying; returns the number of messages. */
  private static int check(byte[] payload) throws StcException {
    if (payload.length == 0) {
      throw invalid("several-messages record with no message");
    }
    int count = 0;
    int off = 0;
    while (off < payload.length) {
      if (++count > MAX_MESSAGES) {
        throw invalid("more than " + MAX_MESSAGES + " messages in one record");
      }
      if (payload.length - off < PREFIX) {
        throw invalid("message length truncated at byte " + off);
      }
      long n = lengthAt(payload, off) & 0xffffffffL;
      if (n == 0) {
        throw invalid("message " + count + " has length 0");
      }
      if (n > payload.length - off - PREFIX) {
        throw invalid("message " + count + " of " + n + " bytes runs past the record");
      }
      off += PREFIX + (int) n;
    }
    return count;
  }

  private static int lengthAt(byte[] b, int off) {
    return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8
        | b[off + 3] & 0xff;
  }

  private static StcException invalid(String message) {
    return new StcException(StcError.CKR_STC_FRAME_INVALID, message);
  }
}
