package org.openstc.stc.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Wire;

/**
 * The body of ALERT records and REJECT frames: {@code code (4, big-endian) || reason (UTF-8, at
 * most 256 bytes)}.
 *
 * <p>Internal: not API; may change without notice.
 */
public final class Alerts {
  private Alerts() {}

  public static byte[] encode(StcError error, String reason) {
    String r = reason == null ? "" : reason;
    byte[] text = r.getBytes(StandardCharsets.UTF_8);
    while (text.length > Wire.MAX_REASON) {
      // Shorten by characters, not bytes, so the reason stays valid UTF-8.
      r = r.substring(0, r.offsetByCodePoints(r.length(), -1));
      text = r.getBytes(StandardCharsets.UTF_8);
    }
    return ByteBuffer.allocate(4 + text.length).putInt((int) error.code()).put(text).array();
  }

  /** Turns an ALERT or REJECT body from the peer into the exception it describes. */
  public static StcException toException(byte[] body) {
    if (body.length < 4 || body.length > 4 + Wire.MAX_REASON) {
      return new StcException(StcError.CKR_STC_FRAME_INVALID, "malformed alert from peer");
    }
    long code = ByteBuffer.wrap(body).getInt() & 0xffffffffL;
    String reason = new String(body, 4, body.length - 4, StandardCharsets.UTF_8);
    StcError error = StcError.fromCode(code);
    if (error == null) {
      return new StcException(StcError.CKR_STC_FRAME_INVALID,
          String.format("peer reported unknown error 0x%08X: %s", code, reason));
    }
    return new StcException(error, "peer reported: " + reason);
  }
}
