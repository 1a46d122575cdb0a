package org.openstc.stc.wire.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.Wire;

/**
 * The cleartext prologue at the start of every OPEN body, bound into the handshake hash as the Noise
 * prologue (docs/protocol.md, "OPEN"):
 *
 * <pre>
 * magic "STC1" (4) | version (1) = 1 | flags (1) = 0 | partition serial (8, big-endian)
 * | selected suite (2) | count (1) = n, 1..16 | offered suites (2 x n)
 * </pre>
 *
 * @param selected the suite of the Noise message that follows; {@code offered[0]} unless the
 *     partition asked for another one with RETRY
 *
 * <p>Internal: not API; may change without notice.
 */
public record Prologue(long serial, Suite selected, List<Suite> offered) {

  public Prologue {
    offered = List.copyOf(offered);
    if (offered.isEmpty() || offered.size() > Wire.MAX_OFFERED_SUITES) {
      throw new IllegalArgumentException("offer 1.." + Wire.MAX_OFFERED_SUITES + " suites");
    }
    if (new HashSet<>(offered).size() != offered.size()) {
      throw new IllegalArgumentException("offered suites repeat");
    }
    if (!offered.contains(selected)) {
      throw new IllegalArgumentException("selected suite not offered");
    }
  }

  /** Encoded length in bytes. */
  public int length() {
    return 17 + 2 * offered.size();
  }

  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(length());
    b.put(Wire.MAGIC).put((byte) Wire.VERSION).put((byte) 0).putLong(serial)
        .putShort((short) selected.code()).put((byte) offered.size());
    for (Suite s : offered) {
      b.putShort((short) s.code());
    }
    return b.array();
  }

  /**
   * Decodes the prologue at the start of an OPEN body and returns it; {@link #length()} tells where
   * the Noise message starts. Bad magic or version: {@code CKR_STC_VERSION_MISMATCH}; nonzero
   * flags, a count out of range, repeated or unknown suites, or a selected suite that is not
   * offered: {@code CKR_STC_FRAME_INVALID}.
   */
  public static Prologue decode(byte[] buf, int off, int len) throws StcException {
    if (len < 17) {
      throw invalid("truncated prologue");
    }
    if (!Arrays.equals(buf, off, off + 4, Wire.MAGIC, 0, 4) || buf[off + 4] != Wire.VERSION) {
      throw new StcException(StcError.CKR_STC_VERSION_MISMATCH,
          "not an STC/1 OPEN (magic or version)");
    }
    ByteBuffer b = ByteBuffer.wrap(buf, off + 5, len - 5);
    if (b.get() != 0) {
      throw invalid("reserved prologue flags set");
    }
    long serial = b.getLong();
    int selectedCode = b.getShort() & 0xffff;
    int count = b.get() & 0xff;
    if (count < 1 || count > Wire.MAX_OFFERED_SUITES || b.remaining() < 2 * count) {
      throw invalid("bad offered suite count " + count);
    }
    List<Suite> offered = new ArrayList<>(count);
    Set<Suite> seen = new HashSet<>();
    for (int i = 0; i < count; i++) {
      int code = b.getShort() & 0xffff;
      Suite s = Suite.fromCode(code).orElseThrow(
          () -> invalid(String.format("unknown suite code 0x%04x", code)));
      if (!seen.add(s)) {
        throw invalid("offered suites repeat");
      }
      offered.add(s);
    }
    Suite selected = Suite.fromCode(selectedCode).filter(seen::contains)
        .orElseThrow(() -> invalid("selected suite is not among the offered ones"));
    return new Prologue(serial, selected, offered);
  }

  private static StcException invalid(String message) {
    return new StcException(StcError.CKR_STC_FRAME_INVALID, message);
  }
}
