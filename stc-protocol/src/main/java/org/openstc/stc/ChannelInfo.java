package org.openstc.stc;

import java.time.Instant;
import java.util.HexFormat;

/**
 * What is fixed when a channel activates, for {@code stc status} and logs.
 *
 * @param channelId the first 8 bytes of the handshake hash, in hex: the same on both sides
 */
public record ChannelInfo(Suite suite, boolean integrityOnly, String channelId, long serial,
    PeerIdentity local, PeerIdentity remote, int replayWindow, long rekeyThresholdRecords,
    int maxPlaintext, Instant activatedAt) {

  static String channelId(byte[] handshakeHash) {
    return HexFormat.of().formatHex(handshakeHash, 0, 8);
  }

  /** {@code encrypted} or {@code integrity-only}. */
  public String mode() {
    return integrityOnly ? "integrity-only" : "encrypted";
  }
}
