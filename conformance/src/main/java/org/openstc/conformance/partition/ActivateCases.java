package org.openstc.conformance.partition;

import static org.openstc.conformance.ConformanceCase.hostile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openstc.conformance.Clauses;
import org.openstc.conformance.ConformanceCase;
import org.openstc.conformance.Outcome;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.StcError;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/** ACTIVATE (key confirmation), messages out of order before it, and the activation timeout. */
final class ActivateCases {
  private ActivateCases() {}

  static List<ConformanceCase<PartitionTarget>> cases() {
    List<ConformanceCase<PartitionTarget>> out = new ArrayList<>();
    out.add(hostile("ACT-001", Clauses.ACTIVATE, "MacTag_U with one bit flipped",
        Outcome.error(StcError.CKR_STC_ACTIVATE_MACTAG_U_VERIFY_FAIL),
        t -> activateWith(t, act -> Scripts.flip(act, Wire.FRAME_HEADER + 3, 0))));
    out.add(hostile("ACT-002", Clauses.ACTIVATE, "MacTag_U of the wrong length (64 + 16 bytes)",
        Outcome.error(StcError.CKR_STC_ACTIVATE_MACTAG_U_VERIFY_FAIL),
        t -> activateWith(t, act -> Scripts.frame(FrameType.ACTIVATE.code(), 80, 0x33))));
    out.add(hostile("ACT-003", Clauses.ACTIVATE,
        "MacTag_U of the right length with its bytes rotated",
        Outcome.error(StcError.CKR_STC_ACTIVATE_MACTAG_U_VERIFY_FAIL),
        t -> activateWith(t, ActivateCases::rotateTag)));
    out.add(hostile("ACT-004", Clauses.PARTITION_STATES, "a second OPEN instead of ACTIVATE",
        Outcome.error(StcError.CKR_STC_UNEXPECTED_MESSAGE),
        t -> activateWith(t, act -> Scripts.open(t, t.main()))));
    out.add(hostile("ACT-005", Clauses.PARTITION_STATES, "ACTIVATE before any OPEN",
        Outcome.error(StcError.CKR_STC_UNEXPECTED_MESSAGE),
        t -> Scripts.refusal(t, Scripts.frame(FrameType.ACTIVATE.code(), 48, 0x44))));
    out.add(hostile("ACT-006", Clauses.PARTITION_STATES, "client sends a partition-only frame "
        + "(ACTIVATE_RESPONSE) before OPEN", Outcome.error(StcError.CKR_STC_UNEXPECTED_MESSAGE),
        t -> Scripts.refusal(t, Scripts.frame(FrameType.ACTIVATE_RESPONSE.code(), 48, 0x44))));
    out.add(hostile("ACT-007", Clauses.CLOSE, "client sends a REJECT frame before OPEN",
        Outcome.error(StcError.CKR_STC_UNEXPECTED_MESSAGE), t -> Scripts.refusal(t,
            Frame.encode(FrameType.REJECT, Alerts.encode(StcError.CKR_STC_NO_CONTEXT, "")))));
    out.add(hostile("CTX-001", Clauses.PARTITION_STATES, "DATA record before OPEN",
        Outcome.error(StcError.CKR_STC_NO_CONTEXT),
        t -> Scripts.refusal(t, Scripts.fakeRecord(FrameType.DATA))));
    out.add(hostile("CTX-002", Clauses.PARTITION_STATES,
        "DATA record after OPEN_RESPONSE, before ACTIVATE",
        Outcome.error(StcError.CKR_STC_NO_CONTEXT),
        t -> activateWith(t, act -> Scripts.fakeRecord(FrameType.DATA))));
    out.add(hostile("CTX-003", Clauses.PARTITION_STATES, "CLOSE record before OPEN",
        Outcome.error(StcError.CKR_STC_NO_CONTEXT),
        t -> Scripts.refusal(t, Scripts.fakeRecord(FrameType.CLOSE))));
    out.add(hostile("TIME-001", Clauses.ACTIVATION_TIMEOUT,
        "slow sender: half an OPEN, then silence past the activation timeout",
        Outcome.error(StcError.CKR_STC_ACTIVATION_TIMEOUT), ActivateCases::halfOpen));
    out.add(hostile("TIME-002", Clauses.ACTIVATION_TIMEOUT,
        "OPEN answered, then no ACTIVATE past the activation timeout",
        Outcome.error(StcError.CKR_STC_ACTIVATION_TIMEOUT), ActivateCases::noActivate));
    return out;
  }

  private interface Replace {
    byte[] apply(byte[] activate) throws Exception;
  }

  /** Runs OPEN honestly, then sends {@code replace(ACTIVATE)} instead of ACTIVATE. */
  private static Outcome activateWith(PartitionTarget t, Replace replace) throws Exception {
    Scripts.AfterOpen a = Scripts.afterOpen(t, t.main());
    try (RawConnection c = a.connection()) {
      c.send(replace.apply(a.activate()));
      Outcome o = c.awaitRefusal(null);
      if (o.kind() == Outcome.Kind.UNEXPECTED && o.detail().contains("ACTIVATE_RESPONSE")) {
        return Outcome.success("host activated the channel");
      }
      return o;
    }
  }

  private static byte[] rotateTag(byte[] activate) {
    byte[] out = activate.clone();
    byte first = out[Wire.FRAME_HEADER];
    System.arraycopy(out, Wire.FRAME_HEADER + 1, out, Wire.FRAME_HEADER, out.length - 5);
    out[out.length - 1] = first;
    return out;
  }

  /** How long a timeout case waits: the host's activation timeout plus a margin. */
  private static int timeoutWait(PartitionTarget t) {
    return t.config().activationTimeoutSeconds() * 1000 + 4000;
  }

  private static Outcome halfOpen(PartitionTarget t) throws Exception {
    byte[] open = Scripts.open(t, t.main());
    try (RawConnection c = t.connect()) {
      c.send(Arrays.copyOf(open, open.length / 2));
      return c.awaitRefusal(null, timeoutWait(t));
    }
  }

  private static Outcome noActivate(PartitionTarget t) throws Exception {
    Scripts.AfterOpen a = Scripts.afterOpen(t, t.main());
    try (RawConnection c = a.connection()) {
      return c.awaitRefusal(null, timeoutWait(t));
    }
  }
}
