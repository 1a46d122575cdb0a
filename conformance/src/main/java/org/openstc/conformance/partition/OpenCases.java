package org.openstc.conformance.partition;

import static org.openstc.conformance.ConformanceCase.hostile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.openstc.conformance.Clauses;
import org.openstc.conformance.ConformanceCase;
import org.openstc.conformance.Outcome;
import org.openstc.conformance.partition.PartitionTarget.Partition;
import org.openstc.noise.HandshakeState;
import org.openstc.noise.Patterns;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcError;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/** OPEN frames with a tampered prologue or an invalid ephemeral public key. */
final class OpenCases {
  private OpenCases() {}

  /** Low-order X25519 points (RFC 7748 section 7; the canonical list used by Wycheproof). */
  private static final String[] X25519_LOW_ORDER = {
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0100000000000000000000000000000000000000000000000000000000000000",
    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
  };

  static List<ConformanceCase<PartitionTarget>> cases() {
    List<ConformanceCase<PartitionTarget>> out = new ArrayList<>();
    Outcome badMac = Outcome.error(StcError.CKR_STC_RESPONSE_BAD_MAC);
    out.add(hostile("OPEN-001", Clauses.PROLOGUE,
        "downgrade: a man in the middle drops offered suites, Noise message kept", badMac,
        t -> tampered(t, OpenCases::dropOffered)));
    out.add(hostile("OPEN-002", Clauses.PROLOGUE,
        "downgrade: a man in the middle reorders the offer behind the selected suite", badMac,
        t -> tampered(t, OpenCases::reorderOffered)));
    out.add(hostile("OPEN-003", Clauses.PROLOGUE, "bad magic (\"STC2\")",
        Outcome.error(StcError.CKR_STC_VERSION_MISMATCH),
        t -> tampered(t, open -> set(open, Wire.FRAME_HEADER + 3, '2'))));
    out.add(hostile("OPEN-004", Clauses.PROLOGUE, "protocol version 2",
        Outcome.error(StcError.CKR_STC_VERSION_MISMATCH),
        t -> tampered(t, open -> set(open, Wire.FRAME_HEADER + 4, 2))));
    out.add(hostile("OPEN-005", Clauses.PROLOGUE, "reserved prologue flags set",
        Outcome.error(StcError.CKR_STC_FRAME_INVALID),
        t -> tampered(t, open -> set(open, Wire.FRAME_HEADER + 5, 0x80))));
    out.add(hostile("OPEN-006", Clauses.PROLOGUE, "offer contains an unknown suite code 0x7f7f",
        Outcome.error(StcError.CKR_STC_FRAME_INVALID), t -> tampered(t, open -> {
          int last = Scripts.offeredOffset() + 2 * (open[Wire.FRAME_HEADER + 16] - 1);
          return set(set(open, last, 0x7f), last + 1, 0x7f);
        })));
    out.add(hostile("OPEN-007", Clauses.PROLOGUE, "offered suite count 0",
        Outcome.error(StcError.CKR_STC_FRAME_INVALID),
        t -> tampered(t, open -> set(open, Wire.FRAME_HEADER + 16, 0))));
    out.add(hostile("OPEN-008", Clauses.PROLOGUE, "selected suite is not among the offered ones",
        Outcome.error(StcError.CKR_STC_FRAME_INVALID), t -> tampered(t, open -> {
          Suite foreign = t.main().keyType() == KeyType.P521 ? Suite.P256_AESGCM_SHA256
              : Suite.P521_AESGCM_SHA512;
          return set(set(open, Wire.FRAME_HEADER + 14, foreign.code() >>> 8),
              Wire.FRAME_HEADER + 15, foreign.code() & 0xff);
        })));
    out.add(hostile("OPEN-009", Clauses.OPEN, "Noise message 1 cut inside the encrypted static key",
        Outcome.error(StcError.CKR_STC_UNEXPECTED_DH_DATA_SIZE), t -> tampered(t, open -> {
          int pro = Scripts.prologueLength(open);
          int ephemeral = t.main().identity().publicKey().length;
          return withBody(open, Arrays.copyOfRange(open, Wire.FRAME_HEADER,
              Wire.FRAME_HEADER + pro + ephemeral + 20));
        })));
    out.add(hostile("OPEN-010", Clauses.PROLOGUE,
        "Noise message bound to the prologue without its offered-suite list", badMac,
        OpenCases::offerNotBound));
    for (int i = 0; i < X25519_LOW_ORDER.length; i++) {
      String point = X25519_LOW_ORDER[i];
      out.add(hostile(String.format("KEY-%03d", i + 1), Clauses.KEYS,
          "X25519 ephemeral is the low-order point " + point.substring(0, 8) + "...",
          Outcome.error(StcError.CKR_STC_COMPUTE_DH_KEY_ERROR),
          t -> badEphemeral(t, KeyType.X25519, HexFormat.of().parseHex(point))));
    }
    out.add(hostile("KEY-004", Clauses.KEYS, "P-256 ephemeral is not on the curve",
        Outcome.error(StcError.CKR_STC_OPEN_DHNIST_PUBKEY_ERROR),
        t -> badEphemeral(t, KeyType.P256, offCurve(65))));
    out.add(hostile("KEY-005", Clauses.KEYS, "P-256 ephemeral with encoding prefix 0x05",
        Outcome.error(StcError.CKR_STC_OPEN_DHNIST_PUBKEY_ERROR),
        t -> badEphemeral(t, KeyType.P256, null)));
    out.add(hostile("KEY-006", Clauses.KEYS, "P-256 ephemeral is (0, 0)",
        Outcome.error(StcError.CKR_STC_OPEN_DHNIST_PUBKEY_ERROR),
        t -> badEphemeral(t, KeyType.P256, zeroPoint(65))));
    out.add(hostile("KEY-007", Clauses.KEYS, "P-521 ephemeral is not on the curve",
        Outcome.error(StcError.CKR_STC_OPEN_DHNIST_PUBKEY_ERROR),
        t -> badEphemeral(t, KeyType.P521, offCurve(133))));
    out.add(hostile("KEY-008", Clauses.KEYS, "P-521 ephemeral is (0, 0)",
        Outcome.error(StcError.CKR_STC_OPEN_DHNIST_PUBKEY_ERROR),
        t -> badEphemeral(t, KeyType.P521, zeroPoint(133))));
    return out;
  }

  private interface Mutation {
    byte[] apply(byte[] open) throws Exception;
  }

  /** A valid OPEN from the registered client of the main partition, mutated, then sent. */
  private static Outcome tampered(PartitionTarget t, Mutation m) throws Exception {
    return Scripts.refusal(t, m.apply(Scripts.open(t, t.main())));
  }

  private static byte[] set(byte[] open, int index, int value) {
    byte[] out = open.clone();
    out[index] = (byte) value;
    return out;
  }

  /** Keeps only the selected (first) suite in the offer; the Noise message stays as it was. */
  private static byte[] dropOffered(byte[] open) throws Exception {
    int count = open[Wire.FRAME_HEADER + 16] & 0xff;
    if (count < 2) {
      throw new IllegalStateException("the default offer has a single suite");
    }
    int pro = Scripts.prologueLength(open);
    byte[] body = Frame.decode(open).body();
    byte[] tampered = new byte[body.length - 2 * (count - 1)];
    System.arraycopy(body, 0, tampered, 0, 19);
    tampered[16] = 1;
    System.arraycopy(body, pro, tampered, 19, body.length - pro);
    return Frame.encode(FrameType.OPEN, tampered);
  }

  /** Swaps the second and the last offered suites; the selected one stays first. */
  private static byte[] reorderOffered(byte[] open) {
    int count = open[Wire.FRAME_HEADER + 16] & 0xff;
    if (count < 3) {
      throw new IllegalStateException("the default offer has fewer than three suites");
    }
    byte[] out = open.clone();
    int a = Scripts.offeredOffset() + 2;
    int b = Scripts.offeredOffset() + 2 * (count - 1);
    for (int i = 0; i < 2; i++) {
      byte tmp = out[a + i];
      out[a + i] = out[b + i];
      out[b + i] = tmp;
    }
    return out;
  }

  /**
   * An OPEN whose cleartext prologue is complete but whose Noise message 1 was built over only the
   * prologue's first 17 bytes (magic to count): a partition that binds the whole prologue, as it
   * must, cannot decrypt it; one that leaves the offer unbound would answer OPEN_RESPONSE.
   */
  private static Outcome offerNotBound(PartitionTarget t) throws Exception {
    Partition p = t.main();
    byte[] open = Scripts.open(t, p);
    int pro = Scripts.prologueLength(open);
    Suite selected = Suite.fromCode((open[Wire.FRAME_HEADER + 14] & 0xff) << 8
        | open[Wire.FRAME_HEADER + 15] & 0xff).orElseThrow();
    HandshakeState noise = HandshakeState.builder(selected.noiseSuite(t.provider()), Patterns.IK,
        true).prologue(Arrays.copyOfRange(open, Wire.FRAME_HEADER, Wire.FRAME_HEADER + 17))
        .localStatic(t.client(p.keyType())).remoteStatic(p.identity().publicKey()).build();
    byte[] msg1 = noise.writeMessage(new byte[0]);
    noise.destroy();
    byte[] body = Arrays.copyOf(Arrays.copyOfRange(open, Wire.FRAME_HEADER,
        Wire.FRAME_HEADER + pro), pro + msg1.length);
    System.arraycopy(msg1, 0, body, pro, msg1.length);
    return Scripts.refusal(t, Frame.encode(FrameType.OPEN, body));
  }

  private static byte[] withBody(byte[] open, byte[] body) {
    return Frame.encode(FrameType.OPEN, body);
  }

  /** A valid OPEN toward the partition of {@code type} with its ephemeral key replaced. */
  private static Outcome badEphemeral(PartitionTarget t, KeyType type, byte[] point)
      throws Exception {
    Partition p = t.partition(type);
    byte[] open = Scripts.open(t, p);
    int at = Wire.FRAME_HEADER + Scripts.prologueLength(open);
    if (point == null) { // same point, invalid encoding prefix
      open[at] = 0x05;
    } else {
      System.arraycopy(point, 0, open, at, point.length);
    }
    return Scripts.refusal(t, open);
  }

  /** An uncompressed SEC1 encoding of (1, 1), which lies on neither P-256 nor P-521. */
  private static byte[] offCurve(int length) {
    byte[] p = new byte[length];
    p[0] = 0x04;
    p[length / 2] = 1;
    p[length - 1] = 1;
    return p;
  }

  private static byte[] zeroPoint(int length) {
    byte[] p = new byte[length];
    p[0] = 0x04;
    return p;
  }
}
