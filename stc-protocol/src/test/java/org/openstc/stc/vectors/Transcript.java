package org.openstc.stc.vectors;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.FrameType;

/**
 * Runs the steps of a vector against a {@link Session}. Generating fills in the frames and the
 * delivered payloads; replaying checks that every produced frame and every delivered payload is
 * byte for byte the recorded one. Either way the run stops at the first delivery that fails.
 */
public final class Transcript {

  /** How a run ended: all steps done, or the receiver refused the frame of step {@code failedAt}. */
  public record Outcome(int failedAt, StcException failure) {
    public boolean completed() {
      return failure == null;
    }
  }

  private Transcript() {}

  public static Outcome generate(Session session, List<Step> steps) throws StcException {
    return run(session, steps, true);
  }

  public static Outcome replay(Session session, List<Step> steps) throws StcException {
    return run(session, steps, false);
  }

  private static Outcome run(Session session, List<Step> steps, boolean generate)
      throws StcException {
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step.op == Step.Op.REKEY_NOW) {
        session.rekeyNow(step.dir);
        continue;
      }
      if (step.op == Step.Op.INJECT) {
        if (generate) {
          step.frame = step.tamper.apply(steps.subList(0, i));
        }
      } else {
        byte[] produced = produce(session, step);
        if (generate) {
          step.frame = produced;
        } else if (!Arrays.equals(produced, step.frame)) {
          throw new AssertionError("step " + i + " (" + step + "): produced "
              + hex(produced) + ", vector has " + hex(step.frame));
        }
        if (step.op == Step.Op.HOLD) {
          continue;
        }
      }
      Optional<InboundRecord> got;
      try {
        got = session.deliver(step.dir, step.frame);
      } catch (StcException e) {
        return new Outcome(i, e);
      }
      check(i, step, got, generate);
    }
    return new Outcome(-1, null);
  }

  private static byte[] produce(Session session, Step step) throws StcException {
    switch (step.type) {
      case DATA: return session.seal(step.dir, step.payload);
      case CLOSE: return session.close(step.dir);
      default: return session.nextHandshakeFrame(step.dir);
    }
  }

  private static void check(int i, Step step, Optional<InboundRecord> got, boolean generate) {
    byte[] delivered = got.filter(r -> r.type() == FrameType.DATA).map(InboundRecord::payload)
        .orElse(null);
    if (step.op == Step.Op.INJECT && generate) {
      step.payload = delivered;
      return;
    }
    if (step.type == FrameType.CLOSE && !got.map(InboundRecord::isClose).orElse(false)) {
      throw new AssertionError("step " + i + ": CLOSE was not delivered as CLOSE");
    }
    if (!Arrays.equals(step.payload, delivered)) {
      throw new AssertionError("step " + i + " (" + step + "): delivered "
          + (delivered == null ? "nothing" : hex(delivered)) + ", expected "
          + (step.payload == null ? "nothing" : hex(step.payload)));
    }
  }

  static String hex(byte[] b) {
    return b == null ? "null" : HexFormat.of().formatHex(b);
  }
}
