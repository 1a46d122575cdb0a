package org.openstc.stc.vectors;

import java.util.List;
import org.openstc.stc.vectors.Session.Dir;
import org.openstc.stc.wire.FrameType;

/**
 * One step of a vector's transcript. {@code SEND}: the sender produces the frame (it must equal
 * {@link #frame}) and the receiver gets it. {@code HOLD}: the sender produces it but it is not
 * delivered now. {@code INJECT}: {@link #frame} (tampered, replayed or held back) is delivered to
 * the receiver. {@code REKEY_NOW}: the sending side of {@link #dir} forces a key update.
 */
public final class Step {

  /** What the step does. */
  public enum Op {
    SEND("send"), HOLD("hold"), INJECT("inject"), REKEY_NOW("rekeyNow");

    public final String json;

    Op(String json) {
      this.json = json;
    }

    public static Op of(String json) {
      for (Op o : values()) {
        if (o.json.equals(json)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown op " + json);
    }
  }

  /** Computes an injected frame from the steps before it (generation only). */
  @FunctionalInterface
  public interface Tamper {
    byte[] apply(List<Step> done);
  }

  public final Op op;
  public final Dir dir;
  /** The frame type the sender produces (for INJECT: the type of the untampered frame). */
  public final FrameType type;
  /** DATA: the payload sealed, or for INJECT the payload the receiver delivers (null if none). */
  public byte[] payload;
  public byte[] frame;
  final Tamper tamper;

  public Step(Op op, Dir dir, FrameType type, byte[] payload, byte[] frame, Tamper tamper) {
    this.op = op;
    this.dir = dir;
    this.type = type;
    this.payload = payload;
    this.frame = frame;
    this.tamper = tamper;
  }

  @Override
  public String toString() {
    return op.json + " " + dir.json + (type == null ? "" : " " + type);
  }
}
