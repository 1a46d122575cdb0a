package org.openstc.stc.wire.internal;

import java.nio.ByteBuffer;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Wire;

/**
 * What the partition tells the client in the (encrypted) payload of IK message 2, so both sides run
 * the record layer with the same settings (docs/protocol.md, "OPEN_RESPONSE"):
 *
 * <pre>
 * version (1) = 1 | mode (1): 0 encrypted, 1 integrity-only | replay window (2)
 * | rekey threshold in records (8; 0 = never) | max plaintext (4)
 * </pre>
 *
 * <p>Internal: not API; may change without notice.
 */
public record ChannelParameters(boolean integrityOnly, int replayWindow, long rekeyThresholdRecords,
    int maxPlaintext) {
  public static final int LENGTH = 16;

  public byte[] encode() {
    return ByteBuffer.allocate(LENGTH).put((byte) 1).put((byte) (integrityOnly ? 1 : 0))
        .putShort((short) replayWindow).putLong(rekeyThresholdRecords).putInt(maxPlaintext).array();
  }

  public static ChannelParameters decode(byte[] payload) throws StcException {
    if (payload.length != LENGTH) {
      throw invalid("channel parameters must be " + LENGTH + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(payload);
    int version = b.get();
    int mode = b.get();
    int window = b.getShort() & 0xffff;
    long rekey = b.getLong();
    int maxPlaintext = b.getInt();
    if (version != 1 || (mode != 0 && mode != 1)) {
      throw invalid("unknown channel parameters version or mode");
    }
    if (window < 100 || window > 1000 || rekey < 0 || maxPlaintext < 1
        || maxPlaintext > Wire.MAX_PLAINTEXT) {
      throw invalid("channel parameters out of range");
    }
    return new ChannelParameters(mode == 1, window, rekey, maxPlaintext);
  }

  private static StcException invalid(String message) {
    return new StcException(StcError.CKR_STC_FRAME_INVALID, message);
  }
}
