package org.openstc.conformance.partition;

import static org.openstc.conformance.ConformanceCase.hostile;
import static org.openstc.conformance.ConformanceCase.positive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openstc.conformance.Clauses;
import org.openstc.conformance.ConformanceCase;
import org.openstc.conformance.Outcome;
import org.openstc.conformance.Unsupported;
import org.openstc.conformance.partition.ActiveChannel.Sealed;
import org.openstc.conformance.partition.PartitionTarget.Profile;
import org.openstc.stc.StcError;
import org.openstc.stc.wire.Wire;

/** Key updates, integrity-only mode, max sessions, and the end of a channel. */
final class PolicyCases {
  private PolicyCases() {}

  static List<ConformanceCase<PartitionTarget>> cases() {
    List<ConformanceCase<PartitionTarget>> out = new ArrayList<>();
    Outcome unexpectedMessage = Outcome.error(StcError.CKR_STC_UNEXPECTED_MESSAGE);
    out.add(positive("REKEY-001", Clauses.REKEY,
        "traffic continues across several key updates at a small rekey threshold",
        t -> t.withProfile(Profile.REKEY, p -> thresholdRekey(t, p))));
    out.add(positive("REKEY-002", Clauses.REKEY,
        "forced key update (update requested): the partition follows and traffic continues",
        PolicyCases::forcedRekey));
    out.add(positive("REKEY-004", Clauses.REKEY,
        "a straggler sealed before our key update, delivered after it, is accepted",
        PolicyCases::straggler));
    out.add(hostile("REKEY-005", Clauses.REKEY,
        "the client ignores the rekey threshold: one record more than T under one key",
        Outcome.error(StcError.CKR_STC_REKEY_CHANNEL_MISMATCH),
        t -> t.withProfile(Profile.REKEY, p -> ignoreThreshold(t, p))));
    out.add(hostile("REKEY-003", Clauses.REKEY,
        "record sealed under the next key but carrying the old key phase",
        Outcome.error(StcError.CKR_STC_RESPONSE_BAD_MAC), PolicyCases::wrongPhase));
    out.add(positive("INTEG-001", Clauses.INTEGRITY,
        "integrity-only channel: payload travels in clear and is echoed",
        t -> t.withProfile(Profile.INTEGRITY, p -> integrityOnly(t, p))));
    out.add(hostile("INTEG-002", Clauses.INTEGRITY, "integrity-only: a cleartext byte changed",
        Outcome.error(StcError.CKR_STC_RESPONSE_BAD_MAC),
        t -> t.withProfile(Profile.INTEGRITY,
            p -> integrityEdit(t, p, f -> f[Wire.FRAME_HEADER + Wire.RECORD_HEADER] ^= 1))));
    out.add(hostile("INTEG-003", Clauses.INTEGRITY,
        "integrity-only: record claims encrypted mode (flag cleared)",
        Outcome.error(StcError.CKR_STC_FRAME_INVALID),
        t -> t.withProfile(Profile.INTEGRITY,
            p -> integrityEdit(t, p, f -> f[Wire.FRAME_HEADER] ^= Wire.FLAG_INTEGRITY_ONLY))));
    out.add(hostile("SESS-001", Clauses.LIMITS,
        "one channel more than max sessions, refused at ACTIVATE; the open ones keep working",
        Outcome.error(StcError.CKR_STC_TOO_MANY_CHANNELS),
        t -> t.withProfile(Profile.SESSIONS, p -> maxSessions(t, p))));
    out.add(hostile("CLOSE-001", Clauses.CLOSE, "DATA after our CLOSE: the host has closed",
        Outcome.closed(""), PolicyCases::dataAfterClose));
    out.add(hostile("CLOSE-002", Clauses.RECEIVING, "a second OPEN on an active channel",
        unexpectedMessage, t -> onActive(t, () -> Scripts.open(t, t.main()))));
    out.add(hostile("CLOSE-003", Clauses.RECEIVING, "an ACTIVATE on an active channel",
        unexpectedMessage, t -> onActive(t, () -> Scripts.frame(0x04, 48, 0x55))));
    out.add(hostile("CLOSE-004", Clauses.CLOSE, "our ALERT: the host closes without answering",
        Outcome.closed(""), PolicyCases::alertIsNotAnswered));
    return out;
  }

  private static Outcome thresholdRekey(PartitionTarget t, PartitionTarget.Partition p)
      throws Exception {
    try (ActiveChannel ch = t.activate(p)) {
      long threshold = ch.channel().info().rekeyThresholdRecords();
      if (threshold == 0 || threshold > 1000) {
        throw new Unsupported("the rekey partition announces threshold " + threshold
            + " records; the case needs 1..1000");
      }
      String problem = ch.echoMany((int) (3 * threshold + 2));
      long[] updates = ch.channel().keyUpdates();
      if (problem != null) {
        return Outcome.unexpected(problem);
      }
      return updates[0] >= 2 && updates[1] >= 2 ? Outcome.success(Arrays.toString(updates))
          : Outcome.unexpected("key updates [sent, received] = " + Arrays.toString(updates)
              + " after " + (3 * threshold + 2) + " records at threshold " + threshold);
    }
  }

  private static Outcome forcedRekey(PartitionTarget t) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      String problem = ch.echoMany(3);
      ch.channel().rekeyNow();
      if (problem == null) {
        problem = ch.echoMany(5);
      }
      long[] updates = ch.channel().keyUpdates();
      if (problem != null) {
        return Outcome.unexpected(problem);
      }
      return updates[0] >= 1 && updates[1] >= 1 ? Outcome.success()
          : Outcome.unexpected("the partition did not follow the key update: [sent, received] = "
              + Arrays.toString(updates));
    }
  }

  private static Outcome straggler(PartitionTarget t) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      Sealed old = ch.seal(new byte[] {1});
      ch.channel().rekeyNow();
      Sealed fresh = ch.seal(new byte[] {2});
      ch.connection().send(fresh.frame());
      String problem = ch.awaitEcho(fresh);
      if (problem == null) {
        ch.connection().send(old.frame());
        problem = ch.awaitEcho(old);
      }
      return problem == null ? Outcome.success() : Outcome.unexpected(problem);
    }
  }

  private static Outcome ignoreThreshold(PartitionTarget t, PartitionTarget.Partition p)
      throws Exception {
    try (IndependentChannel ch = IndependentChannel.activate(t, p)) {
      long threshold = ch.parameters().rekeyThresholdRecords();
      if (threshold == 0 || threshold > 1000) {
        throw new Unsupported("the rekey partition announces threshold " + threshold);
      }
      for (long i = 0; i < threshold; i++) {
        ch.connection().send(ch.seal(t.config().responder().request(i + 1, new byte[] {1})));
        Outcome o = ch.awaitRefusalAfterEchoes(0);
        if (o.kind() != Outcome.Kind.SUCCESS) {
          return Outcome.unexpected("record " + (i + 1) + " of " + threshold + ": " + o);
        }
      }
      ch.connection().send(ch.seal(t.config().responder().request(threshold + 1, new byte[] {2})));
      return ch.awaitRefusalAfterEchoes(0);
    }
  }

  private static Outcome wrongPhase(PartitionTarget t) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      String problem = ch.echo(new byte[] {1});
      if (problem != null) {
        return Outcome.unexpected(problem);
      }
      ch.channel().rekeyNow();
      byte[] f = ch.seal(new byte[] {2}).copy();
      f[Wire.FRAME_HEADER] ^= Wire.FLAG_KEY_PHASE;
      ch.connection().send(f);
      return ch.connection().awaitRefusal(ch.channel());
    }
  }

  private static ActiveChannel integrityChannel(PartitionTarget t, PartitionTarget.Partition p)
      throws Exception {
    ActiveChannel ch = t.activate(p);
    if (!ch.channel().info().integrityOnly()) {
      ch.close();
      throw new IllegalStateException("the integrity partition announced encrypted mode");
    }
    return ch;
  }

  private static Outcome integrityOnly(PartitionTarget t, PartitionTarget.Partition p)
      throws Exception {
    try (ActiveChannel ch = integrityChannel(t, p)) {
      byte[] message = "integrity only, in clear".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Sealed s = ch.seal(message);
      byte[] f = s.frame();
      byte[] request = t.config().responder().request(s.requestId(), message);
      int at = Wire.FRAME_HEADER + Wire.RECORD_HEADER;
      if (!Arrays.equals(f, at, at + request.length, request, 0, request.length)) {
        return Outcome.unexpected("payload is not in clear on the wire");
      }
      ch.connection().send(f);
      String problem = ch.awaitEcho(s);
      return problem == null ? Outcome.success() : Outcome.unexpected(problem);
    }
  }

  private interface Edit {
    void apply(byte[] frame);
  }

  private static Outcome integrityEdit(PartitionTarget t, PartitionTarget.Partition p, Edit edit)
      throws Exception {
    try (ActiveChannel ch = integrityChannel(t, p)) {
      byte[] f = ch.seal(new byte[] {1, 2, 3}).copy();
      edit.apply(f);
      ch.connection().send(f);
      return ch.connection().awaitRefusal(ch.channel());
    }
  }

  private static Outcome maxSessions(PartitionTarget t, PartitionTarget.Partition p)
      throws Exception {
    int max = t.config().maxSessions();
    if (max < 1 || max > 16) {
      throw new Unsupported("-max-sessions must give the sessions partition's setting (1..16)");
    }
    List<ActiveChannel> open = new ArrayList<>();
    try {
      for (int i = 0; i < max; i++) {
        open.add(t.activate(p));
      }
      // Section 10: the channel is counted at ACTIVATE, so the extra client gets OPEN_RESPONSE
      // and then, instead of ACTIVATE_RESPONSE, the REJECT.
      Outcome o;
      Scripts.AfterOpen extra = Scripts.afterOpen(t, p);
      try (RawConnection c = extra.connection()) {
        c.send(extra.activate());
        o = c.awaitRefusal(null);
      }
      String problem = open.get(0).echo(new byte[] {7});
      return problem == null ? o : Outcome.unexpected("an open channel stopped working: " + problem);
    } finally {
      open.forEach(ActiveChannel::close);
    }
  }

  private static Outcome dataAfterClose(PartitionTarget t) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      Sealed later = ch.seal(new byte[] {1});
      ch.connection().send(ch.channel().close());
      try {
        ch.connection().send(later.frame());
      } catch (IOException alreadyClosed) {
        return Outcome.closed("connection closed before the DATA could be written");
      }
      return ch.connection().awaitRefusal(ch.channel());
    }
  }

  private static Outcome alertIsNotAnswered(PartitionTarget t) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      ch.connection().send(ch.channel().alert(StcError.CKR_STC_RESPONSE_REPLAYED, ""));
      return ch.connection().awaitRefusal(ch.channel());
    }
  }

  private interface Bytes {
    byte[] get() throws Exception;
  }

  private static Outcome onActive(PartitionTarget t, Bytes frame) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      String problem = ch.echo(new byte[] {1});
      if (problem != null) {
        return Outcome.unexpected(problem);
      }
      ch.connection().send(frame.get());
      return ch.connection().awaitRefusal(ch.channel());
    }
  }
}
