package org.openstc.stc.wire;

import java.nio.charset.StandardCharsets;

/** Constants of the STC/1 wire format (docs/protocol.md). */
public final class Wire {
  private Wire() {}

  /** {@code "STC1"}: the first bytes of every OPEN. */
  public static final byte[] MAGIC = "STC1".getBytes(StandardCharsets.US_ASCII);
  public static final int VERSION = 1;
  /** type (1) + length (3). */
  public static final int FRAME_HEADER = 4;
  /** flags (1) + sequence number (8). */
  public static final int RECORD_HEADER = 9;
  /** Largest application payload in one DATA record: 128 KiB. */
  public static final int MAX_PLAINTEXT = 128 * 1024;
  public static final int MAX_RECORD_BODY = RECORD_HEADER + MAX_PLAINTEXT + 16;
  /** Handshake bodies: the prologue plus one Noise message of at most 65535 bytes. */
  public static final int MAX_HANDSHAKE_BODY = 65535 + 64;
  /** magic (4) version (1) flags (1) serial (8) selected (2) count (1) + one offered suite (2). */
  public static final int PROLOGUE_MIN = 19;
  public static final int MAX_OFFERED_SUITES = 16;
  /** Longest Noise message 1: P521's {@code e (133), ENC(s) (149), ENC(empty) (16)}. */
  public static final int MAX_MESSAGE_1 = 133 + 149 + 16;
  /**
   * Longest OPEN body a partition reads (docs/protocol.md 6.4): the longest prologue (17 + 2 x 16)
   * plus the longest message 1; any longer OPEN is refused at its header.
   */
  public static final int MAX_OPEN_BODY = 17 + 2 * MAX_OFFERED_SUITES + MAX_MESSAGE_1;
  /** Longest UTF-8 reason text in ALERT and REJECT. */
  public static final int MAX_REASON = 256;
  /** The largest frame of any type, header included: the hard limit of every frame decoder. */
  public static final int MAX_FRAME = FRAME_HEADER + MAX_RECORD_BODY;

  /** Record flag bits. */
  public static final int FLAG_KEY_PHASE = 0x01;
  public static final int FLAG_INTEGRITY_ONLY = 0x02;
  public static final int FLAG_UPDATE_REQUESTED = 0x04;
  /**
   * The DATA payload is several messages (docs/protocol.md 24a); only on a channel where the
   * receiver agreed to it, otherwise reserved.
   */
  public static final int FLAG_SEVERAL = 0x08;
  public static final int FLAGS_RESERVED = ~0x0F & 0xff;

  /** Largest sequence number a record may carry: 2^63 - 1; records start at 1. */
  public static final long MAX_SEQUENCE = Long.MAX_VALUE;
}
