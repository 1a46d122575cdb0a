package org.openstc.conformance.partition;

import static org.openstc.conformance.ConformanceCase.hostile;
import static org.openstc.conformance.ConformanceCase.positive;

import java.util.ArrayList;
import java.util.List;
import org.openstc.conformance.Clauses;
import org.openstc.conformance.ConformanceCase;
import org.openstc.conformance.Outcome;
import org.openstc.conformance.partition.ActiveChannel.Sealed;
import org.openstc.stc.StcError;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * Records on an active channel: replays, the replay window, and bit flips in every part of a
 * record. The partition must answer each with an ALERT carrying the exact code, then close.
 */
final class RecordCases {
  private RecordCases() {}

  /** Offsets in a record frame. */
  private static final int FLAGS = Wire.FRAME_HEADER;
  private static final int SEQ = Wire.FRAME_HEADER + 1;
  private static final int BODY = Wire.FRAME_HEADER + Wire.RECORD_HEADER;

  static List<ConformanceCase<PartitionTarget>> cases() {
    List<ConformanceCase<PartitionTarget>> out = new ArrayList<>();
    Outcome replayed = Outcome.error(StcError.CKR_STC_RESPONSE_REPLAYED);
    Outcome badMac = Outcome.error(StcError.CKR_STC_RESPONSE_BAD_MAC);
    Outcome invalid = Outcome.error(StcError.CKR_STC_FRAME_INVALID);
    out.add(hostile("REC-001", Clauses.REPLAY, "the last record sent again", replayed,
        t -> replay(t, 3, 2)));
    out.add(hostile("REC-002", Clauses.REPLAY, "an older record inside the window sent again",
        replayed, t -> replay(t, 5, 1)));
    out.add(hostile("REC-003", Clauses.REPLAY, "a record that fell below the window sent again",
        replayed, RecordCases::belowWindow));
    out.add(positive("REC-004", Clauses.REPLAY,
        "records reordered inside the window are all accepted", RecordCases::reordered));
    out.add(hostile("REC-005", Clauses.SEQUENCE, "record with sequence number 0",
        Outcome.error(StcError.CKR_STC_SEQUENCE_NUM_INVALID), t -> mutate(t, f -> {
          for (int i = 0; i < 8; i++) {
            f[SEQ + i] = 0;
          }
        })));
    out.add(hostile("REC-014", Clauses.SEQUENCE, "record with sequence number 2^63",
        Outcome.error(StcError.CKR_STC_SEQUENCE_NUM_INVALID), t -> mutate(t, f -> {
          f[SEQ] = (byte) 0x80;
          for (int i = 1; i < 8; i++) {
            f[SEQ + i] = 0;
          }
        })));
    out.add(hostile("REC-006", Clauses.RECEIVING, "reserved record flag bit 0x80 set", invalid,
        t -> mutate(t, f -> f[FLAGS] |= (byte) 0x80)));
    out.add(hostile("REC-007", Clauses.RECEIVING,
        "integrity-only flag set on an encrypted channel", invalid,
        t -> mutate(t, f -> f[FLAGS] ^= Wire.FLAG_INTEGRITY_ONLY)));
    out.add(hostile("REC-008", Clauses.RECEIVING, "key phase bit flipped", badMac,
        t -> mutate(t, f -> f[FLAGS] ^= Wire.FLAG_KEY_PHASE)));
    out.add(hostile("REC-009", Clauses.PROTECTION, "sequence number bit flipped", badMac,
        t -> mutate(t, f -> f[SEQ + 6] ^= 0x10)));
    out.add(hostile("REC-010", Clauses.PROTECTION, "ciphertext bit flipped", badMac,
        t -> mutate(t, f -> f[BODY] ^= 0x01)));
    out.add(hostile("REC-011", Clauses.PROTECTION, "tag bit flipped", badMac,
        t -> mutate(t, f -> f[f.length - 1] ^= (byte) 0x80)));
    out.add(hostile("REC-012", Clauses.PROTECTION, "frame type changed from DATA to ALERT",
        badMac, t -> mutate(t, f -> f[0] = (byte) FrameType.ALERT.code())));
    out.add(hostile("REC-013", Clauses.PROTECTION,
        "a valid record of another channel of the same client", badMac,
        RecordCases::otherChannel));
    return out;
  }

  private interface Edit {
    void apply(byte[] frame);
  }

  /** One good echo, then a sealed record edited in place. */
  private static Outcome mutate(PartitionTarget t, Edit edit) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      String problem = ch.echo(new byte[] {9, 9});
      if (problem != null) {
        return Outcome.unexpected("echo before the edited record failed: " + problem);
      }
      byte[] f = ch.seal(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).copy();
      edit.apply(f);
      ch.connection().send(f);
      return ch.connection().awaitRefusal(ch.channel());
    }
  }

  /** Sends {@code count} records (all echoed), then record number {@code again} once more. */
  private static Outcome replay(PartitionTarget t, int count, int again) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      Sealed[] sent = new Sealed[count];
      for (int i = 0; i < count; i++) {
        sent[i] = ch.seal(new byte[] {(byte) i});
        ch.connection().send(sent[i].frame());
        String problem = ch.awaitEcho(sent[i]);
        if (problem != null) {
          return Outcome.unexpected("record " + i + ": " + problem);
        }
      }
      ch.connection().send(sent[again].frame());
      return ch.connection().awaitRefusal(ch.channel());
    }
  }

  private static Outcome belowWindow(PartitionTarget t) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      Sealed first = ch.seal(new byte[] {1});
      ch.connection().send(first.frame());
      String problem = ch.awaitEcho(first);
      if (problem == null) {
        problem = ch.echoMany(ch.channel().info().replayWindow() + 1);
      }
      if (problem != null) {
        return Outcome.unexpected(problem);
      }
      ch.connection().send(first.frame());
      return ch.connection().awaitRefusal(ch.channel());
    }
  }

  private static Outcome reordered(PartitionTarget t) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      Sealed[] s = {ch.seal(new byte[] {1}), ch.seal(new byte[] {2}), ch.seal(new byte[] {3})};
      int[] order = {2, 0, 1};
      for (int i : order) {
        ch.connection().send(s[i].frame());
      }
      for (int i : order) {
        String problem = ch.awaitEcho(s[i]);
        if (problem != null) {
          return Outcome.unexpected("record " + (i + 1) + " sent out of order: " + problem);
        }
      }
      return Outcome.success();
    }
  }

  private static Outcome otherChannel(PartitionTarget t) throws Exception {
    try (ActiveChannel a = t.activate(t.main()); ActiveChannel b = t.activate(t.main())) {
      String problem = a.echo(new byte[] {1});
      if (problem != null) {
        return Outcome.unexpected(problem);
      }
      a.connection().send(b.seal(new byte[] {2}).frame());
      return a.connection().awaitRefusal(a.channel());
    }
  }
}
