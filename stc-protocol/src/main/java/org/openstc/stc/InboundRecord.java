package org.openstc.stc;

import org.openstc.stc.wire.FrameType;

/** A record that verified: DATA with its payload, or CLOSE (empty payload). */
public record InboundRecord(FrameType type, long sequence, byte[] payload) {

  public boolean isClose() {
    return type == FrameType.CLOSE;
  }
}
