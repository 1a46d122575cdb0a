package org.openstc.stc;

import java.security.GeneralSecurityException;
import org.openstc.noise.CipherState;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * The receiving direction of a channel (docs/protocol.md, "Receiving a record"): key phases,
 * replay window and the peer's rekey discipline. {@link #open} either returns a verified record
 * and updates the state, or throws and leaves the state as it was.
 */
final class ReceiveState {
  private final ReplayWindow window;
  private final long threshold;
  private CipherState current;
  private CipherState previous;
  /** The key REKEY of {@code current} gives, computed once (REKEY seals under a fixed nonce). */
  private CipherState next;
  private int phase;
  private long withKey;
  private long received;
  long updates;
  private boolean updateRequested;

  ReceiveState(CipherState key, int windowSize, long threshold, PartitionChecks checks) {
    this.current = key;
    this.window = new ReplayWindow(windowSize, checks);
    this.threshold = threshold;
  }

  long received() {
    return received;
  }

  /** Whether the last record asked us to update our sending key; reading clears it. */
  boolean takeUpdateRequest() {
    boolean r = updateRequested;
    updateRequested = false;
    return r;
  }

  /**
   * Verifies {@code frame}, writes its payload to {@code out[outOff]} and returns its sequence
   * number; on failure the state is unchanged. {@code several}: the peer may set
   * {@link Wire#FLAG_SEVERAL} on DATA records (docs/protocol.md 24a).
   */
  long open(Frame frame, boolean integrityOnly, boolean several, byte[] out, int outOff)
      throws StcException {
    byte[] buf = frame.array();
    int frameOff = frame.frameOffset();
    int flags = buf[frame.bodyOffset()] & 0xff;
    checkFlags(flags, integrityOnly);
    if ((flags & Wire.FLAG_SEVERAL) != 0 && !(several && frame.type() == FrameType.DATA)) {
      throw new StcException(StcError.CKR_STC_FRAME_INVALID,
          "several-messages flag on a record that may not carry it");
    }
    long seq = Records.readSequence(buf, frame.bodyOffset() + 1);
    if (seq <= 0) {
      throw new StcException(StcError.CKR_STC_SEQUENCE_NUM_INVALID,
          "sequence number " + Long.toUnsignedString(seq) + " is outside 1..2^63-1");
    }
    int recordPhase = flags & Wire.FLAG_KEY_PHASE;
    boolean nextPhase = recordPhase != phase && seq > window.highest();
    CipherState key = recordPhase == phase ? current : nextPhase ? nextKey() : previous;
    if (key == null) {
      throw StcException.badMac();
    }
    Records.open(key, seq, integrityOnly, buf, frameOff, frame.bodyLength(), out, outOff);
    String replay = window.check(seq);
    if (replay != null) {
      throw new StcException(StcError.CKR_STC_RESPONSE_REPLAYED, replay);
    }
    long count = (nextPhase ? 0 : withKey) + 1;
    if (threshold != 0 && key == current && count > threshold) {
      throw new StcException(StcError.CKR_STC_REKEY_CHANNEL_MISMATCH,
          "peer sent more than " + threshold + " records without a key update");
    }
    commit(key, nextPhase, seq);
    updateRequested |= (flags & Wire.FLAG_UPDATE_REQUESTED) != 0;
    return seq;
  }

  private void checkFlags(int flags, boolean integrityOnly) throws StcException {
    if ((flags & Wire.FLAGS_RESERVED) != 0) {
      throw new StcException(StcError.CKR_STC_FRAME_INVALID, "reserved record flags set");
    }
    if (((flags & Wire.FLAG_INTEGRITY_ONLY) != 0) != integrityOnly) {
      throw new StcException(StcError.CKR_STC_FRAME_INVALID,
          "record mode flag does not match the channel's mode");
    }
  }

  private CipherState nextKey() throws StcException {
    if (next == null) {
      try {
        next = current.rekeyedCopy();
      } catch (GeneralSecurityException e) {
        throw new StcException(StcError.CKR_STC_NO_SESSION_KEY, "key update failed", e);
      }
    }
    return next;
  }

  private void commit(CipherState key, boolean nextPhase, long seq) {
    if (nextPhase) {
      if (previous != null) {
        previous.destroy();
      }
      previous = current;
      current = key;
      next = null;
      phase ^= Wire.FLAG_KEY_PHASE;
      withKey = 0;
      updates++;
    }
    if (key == current) {
      withKey++;
    }
    window.accept(seq);
    received++;
  }

  void destroy() {
    current.destroy();
    if (next != null) {
      next.destroy();
    }
    if (previous != null) {
      previous.destroy();
    }
  }
}
