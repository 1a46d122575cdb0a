package org.openstc.stc.properties;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcError;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * The code a receiver must answer when one bit of a frame it expects is flipped, derived from
 * docs/protocol.md (sections 6.3, 7.3, 8, 10, 14) region by region. An empty set means the flip is
 * legitimately ignored: the bytes are never read (message 1 of a first OPEN answered by RETRY,
 * section 8.2).
 *
 * <pre>
 * region                         expected
 * type byte                      FRAME_INVALID if the new type is unknown or its length bounds
 *                                exclude the body; else by receiver: channel: record type
 *                                BAD_MAC, other UNEXPECTED_MESSAGE; partition handshake: record
 *                                type NO_CONTEXT, other UNEXPECTED_MESSAGE; client handshake:
 *                                UNEXPECTED_MESSAGE
 * length (3 bytes)               FRAME_INVALID
 * OPEN magic, version            VERSION_MISMATCH
 * OPEN prologue flags            FRAME_INVALID
 * OPEN serial                    CONTAINER_INVALID; second OPEN: OPEN_CIPHER_MISMATCH (the RETRY
 *                                check comes before the serial is looked up, protocol.md 7.3)
 * OPEN selected suite            FRAME_INVALID (a one-bit change never names another offered suite)
 * OPEN count                     FRAME_INVALID
 * OPEN offered suite k           unknown code or k = selected: FRAME_INVALID; else (a suite of
 *                                another key type) no allowed suite left: CIPHER_SUITE_REJECTED;
 *                                second OPEN: OPEN_CIPHER_MISMATCH; else BAD_MAC
 * OPEN / OPEN_RESPONSE e         25519: BAD_MAC; P-256/P-521: OPEN_DHNIST_PUBKEY_ERROR
 * OPEN ENC(s), tags, ciphertext  BAD_MAC
 * first OPEN message 1 in RETRY  ignored (partition answers the same RETRY)
 * RETRY suite code               OPEN_CIPHER_MISMATCH
 * ACTIVATE body                  ACTIVATE_MACTAG_U_VERIFY_FAIL
 * ACTIVATE_RESPONSE body         KEY_CONFIRMATION_FAILED
 * record flags 0x01, 0x04        BAD_MAC (key phase, update requested: authenticated)
 * record flags 0x02, 0xF8        FRAME_INVALID (mode bit, reserved bits)
 * record sequence                new value 0 or top bit set: SEQUENCE_NUM_INVALID; else BAD_MAC
 * record payload / ciphertext    BAD_MAC
 * record tag                     BAD_MAC
 * </pre>
 */
final class FlipOracle {

  /** Who receives the frame. */
  enum Receiver {
    PARTITION_HANDSHAKE, CLIENT_HANDSHAKE, CHANNEL
  }

  /**
   * What the oracle needs to know about the frame's place in the conversation.
   *
   * @param secondOpen an OPEN that follows RETRY
   * @param answeredByRetry a first OPEN whose selected suite is not the partition's choice
   */
  record Context(FrameType type, Receiver receiver, KeyType keyType, List<Suite> offer,
      ChannelPolicy policy, boolean secondOpen, boolean answeredByRetry) {}

  /** A region of the frame and the codes allowed for a flip in it (empty: ignored). */
  record Expectation(String region, Set<StcError> codes) {
    static Expectation of(String region, StcError... codes) {
      return new Expectation(region, Set.of(codes));
    }
  }

  private FlipOracle() {}

  static Expectation expected(Context c, byte[] frame, int index, int mask) {
    if (index == 0) {
      return typeFlip(c, frame, (frame[0] ^ mask) & 0xff);
    }
    if (index < Wire.FRAME_HEADER) {
      return Expectation.of("frame length", StcError.CKR_STC_FRAME_INVALID);
    }
    int off = index - Wire.FRAME_HEADER;
    switch (c.type()) {
      case OPEN: return open(c, frame, off, mask);
      case RETRY: return Expectation.of("RETRY suite", StcError.CKR_STC_OPEN_CIPHER_MISMATCH);
      case OPEN_RESPONSE: return message(c, off, "OPEN_RESPONSE");
      case ACTIVATE:
        return Expectation.of("ACTIVATE tag", StcError.CKR_STC_ACTIVATE_MACTAG_U_VERIFY_FAIL);
      case ACTIVATE_RESPONSE:
        return Expectation.of("ACTIVATE_RESPONSE tag", StcError.CKR_STC_KEY_CONFIRMATION_FAILED);
      default: return record(frame, off, mask);
    }
  }

  private static Expectation typeFlip(Context c, byte[] frame, int newCode) {
    int bodyLength = frame.length - Wire.FRAME_HEADER;
    Optional<FrameType> t = FrameType.fromCode(newCode);
    if (t.isEmpty() || bodyLength < t.get().minBody() || bodyLength > t.get().maxBody()) {
      return Expectation.of("type -> unknown or wrong length", StcError.CKR_STC_FRAME_INVALID);
    }
    String region = "type -> " + t.get();
    switch (c.receiver()) {
      case CHANNEL:
        return Expectation.of(region, t.get().isRecord() ? StcError.CKR_STC_RESPONSE_BAD_MAC
            : StcError.CKR_STC_UNEXPECTED_MESSAGE);
      case PARTITION_HANDSHAKE:
        return Expectation.of(region, t.get().isRecord() ? StcError.CKR_STC_NO_CONTEXT
            : StcError.CKR_STC_UNEXPECTED_MESSAGE);
      default:
        if (t.get() == FrameType.REJECT || t.get() == FrameType.RETRY) {
          throw new IllegalStateException("not modelled: a one-bit flip into " + t.get());
        }
        return Expectation.of(region, StcError.CKR_STC_UNEXPECTED_MESSAGE);
    }
  }

  private static Expectation open(Context c, byte[] frame, int off, int mask) {
    int n = c.offer().size();
    int prologue = 17 + 2 * n;
    if (off < 5) {
      return Expectation.of("prologue magic/version", StcError.CKR_STC_VERSION_MISMATCH);
    }
    if (off == 5) {
      return Expectation.of("prologue flags", StcError.CKR_STC_FRAME_INVALID);
    }
    if (off < 14) {
      return Expectation.of("prologue serial", c.secondOpen()
          ? StcError.CKR_STC_OPEN_CIPHER_MISMATCH : StcError.CKR_STC_CONTAINER_INVALID);
    }
    if (off < 16) {
      return Expectation.of("prologue selected", StcError.CKR_STC_FRAME_INVALID);
    }
    if (off == 16) {
      return count(frame, n, (n ^ mask) & 0xff);
    }
    if (off < prologue) {
      return offered(c, frame, (off - 17) / 2, off, mask);
    }
    if (c.answeredByRetry()) {
      return new Expectation("message 1 of an OPEN answered by RETRY (not read)", Set.of());
    }
    return message(c, off - prologue, "OPEN message 1");
  }

  private static Expectation count(byte[] frame, int n, int newCount) {
    if (newCount == 0 || newCount > Wire.MAX_OFFERED_SUITES) {
      return Expectation.of("prologue count out of range", StcError.CKR_STC_FRAME_INVALID);
    }
    if (newCount < n) {
      throw new IllegalStateException("not modelled: count " + n + " -> " + newCount);
    }
    // The first extra "suite" is the start of e: 0x04 for P-256/P-521; for 25519 the test checks
    // that the fixed ephemeral key does not start with a suite code.
    int at = Wire.FRAME_HEADER + 17 + 2 * n;
    int code = (frame[at] & 0xff) << 8 | frame[at + 1] & 0xff;
    if (Suite.fromCode(code).isPresent()) {
      throw new IllegalStateException("not modelled: e starts with a suite code");
    }
    return Expectation.of("prologue count grown", StcError.CKR_STC_FRAME_INVALID);
  }

  private static Expectation offered(Context c, byte[] frame, int k, int off, int mask) {
    byte[] f = frame.clone();
    f[Wire.FRAME_HEADER + off] ^= (byte) mask;
    int at = Wire.FRAME_HEADER + 17 + 2 * k;
    Optional<Suite> changed = Suite.fromCode((f[at] & 0xff) << 8 | f[at + 1] & 0xff);
    Suite selected = c.secondOpen() ? choice(c, c.offer()).orElseThrow() : c.offer().get(0);
    if (changed.isEmpty() || k == c.offer().indexOf(selected)) {
      return Expectation.of("offered suite: unknown or the selected one",
          StcError.CKR_STC_FRAME_INVALID);
    }
    List<Suite> offered = new ArrayList<>(c.offer());
    offered.set(k, changed.get());
    if (new HashSet<>(offered).size() != offered.size()) {
      return Expectation.of("offered suite: repeated", StcError.CKR_STC_FRAME_INVALID);
    }
    Optional<Suite> choice = choice(c, offered);
    if (choice.isEmpty()) {
      return Expectation.of("offered suite: none allowed", StcError.CKR_STC_CIPHER_SUITE_REJECTED);
    }
    if (c.secondOpen()) {
      return Expectation.of("offered suite: second OPEN changes the offer",
          StcError.CKR_STC_OPEN_CIPHER_MISMATCH);
    }
    if (choice.get() != selected) {
      throw new IllegalStateException("not modelled: the flip provokes a RETRY");
    }
    return Expectation.of("offered suite: other key type (hashed prologue differs)",
        StcError.CKR_STC_RESPONSE_BAD_MAC);
  }

  private static Optional<Suite> choice(Context c, List<Suite> offered) {
    return offered.stream().filter(s -> s.allowedBy(c.policy(), c.keyType())).findFirst();
  }

  /** A Noise message starting with e: flips in e are invalid points on the NIST curves. */
  private static Expectation message(Context c, int off, String what) {
    int dh = c.keyType() == KeyType.X25519 ? 32 : c.keyType() == KeyType.P256 ? 65 : 133;
    if (off < dh) {
      return c.keyType() == KeyType.X25519
          ? Expectation.of(what + " e (25519)", StcError.CKR_STC_RESPONSE_BAD_MAC)
          : Expectation.of(what + " e (NIST)", StcError.CKR_STC_OPEN_DHNIST_PUBKEY_ERROR);
    }
    return Expectation.of(what + " ciphertext/tag", StcError.CKR_STC_RESPONSE_BAD_MAC);
  }

  private static Expectation record(byte[] frame, int off, int mask) {
    if (off == 0) {
      return (mask & (Wire.FLAG_KEY_PHASE | Wire.FLAG_UPDATE_REQUESTED)) != 0
          ? Expectation.of("record flags key phase/update", StcError.CKR_STC_RESPONSE_BAD_MAC)
          : Expectation.of("record flags mode/reserved", StcError.CKR_STC_FRAME_INVALID);
    }
    if (off < Wire.RECORD_HEADER) {
      long seq = 0;
      for (int i = 0; i < 8; i++) {
        int b = frame[Wire.FRAME_HEADER + 1 + i] & 0xff;
        seq = seq << 8 | (i == off - 1 ? b ^ mask : b);
      }
      return seq <= 0
          ? Expectation.of("record sequence -> 0 or >= 2^63", StcError.CKR_STC_SEQUENCE_NUM_INVALID)
          : Expectation.of("record sequence", StcError.CKR_STC_RESPONSE_BAD_MAC);
    }
    return Expectation.of("record payload/tag", StcError.CKR_STC_RESPONSE_BAD_MAC);
  }
}
