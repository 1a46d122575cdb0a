package org.openstc.stc;

import org.openstc.stc.wire.FrameType;

/**
 * A record that verified: DATA with its payload, or CLOSE (empty payload). {@code several}: the
 * DATA payload holds several messages (docs/protocol.md 24a), split it with {@link MessageBatch}.
 */
public record InboundRecord(FrameType type, long sequence, byte[] payload, boolean several) {

  public InboundRecord(FrameType type, long sequence, byte[] payload) {
    this(type, sequence, payload, false);
  }

  public boolean isClose() {
    return type == FrameType.CLOSE;
  }
}
