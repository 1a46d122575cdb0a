package org.openstc.stc.wire;

import java.util.Optional;

/**
 * The STC/1 frame types and the body length each allows (docs/protocol.md, "Frames"). A frame is
 * {@code type (1) || length (3, big-endian) || body (length)}.
 */
public enum FrameType {
  OPEN(0x01, Wire.PROLOGUE_MIN + 32, Wire.MAX_HANDSHAKE_BODY),
  RETRY(0x02, 2, 2),
  OPEN_RESPONSE(0x03, 32 + 16, Wire.MAX_HANDSHAKE_BODY),
  ACTIVATE(0x04, 32 + 16, 64 + 16),
  ACTIVATE_RESPONSE(0x05, 32 + 16, 64 + 16),
  DATA(0x10, Wire.RECORD_HEADER + 16, Wire.MAX_RECORD_BODY),
  CLOSE(0x11, Wire.RECORD_HEADER + 16, Wire.RECORD_HEADER + 16),
  ALERT(0x12, Wire.RECORD_HEADER + 4 + 16, Wire.RECORD_HEADER + 4 + Wire.MAX_REASON + 16),
  REJECT(0x7F, 4, 4 + Wire.MAX_REASON);

  private final int code;
  private final int minBody;
  private final int maxBody;

  FrameType(int code, int minBody, int maxBody) {
    this.code = code;
    this.minBody = minBody;
    this.maxBody = maxBody;
  }

  public int code() {
    return code;
  }

  public int minBody() {
    return minBody;
  }

  public int maxBody() {
    return maxBody;
  }

  /** True for DATA, CLOSE and ALERT, which use the record format. */
  public boolean isRecord() {
    return this == DATA || this == CLOSE || this == ALERT;
  }

  public static Optional<FrameType> fromCode(int code) {
    for (FrameType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
