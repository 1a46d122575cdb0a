package org.openstc.stc.vectors;

import java.util.ArrayList;
import java.util.List;
import org.openstc.stc.vectors.Session.Dir;
import org.openstc.stc.vectors.Step.Op;
import org.openstc.stc.vectors.Step.Tamper;
import org.openstc.stc.wire.FrameType;

/** Builds the steps of one vector; frames are filled in when {@link Transcript} runs it. */
final class Script {
  final List<Step> steps = new ArrayList<>();

  /** OPEN, (RETRY, OPEN), OPEN_RESPONSE, ACTIVATE, ACTIVATE_RESPONSE. */
  Script handshake(boolean retry) {
    send(Dir.C2P, FrameType.OPEN);
    if (retry) {
      send(Dir.P2C, FrameType.RETRY);
      send(Dir.C2P, FrameType.OPEN);
    }
    send(Dir.P2C, FrameType.OPEN_RESPONSE);
    send(Dir.C2P, FrameType.ACTIVATE);
    return send(Dir.P2C, FrameType.ACTIVATE_RESPONSE);
  }

  /** A handshake frame (or CLOSE) produced and delivered. */
  Script send(Dir dir, FrameType type) {
    return add(new Step(Op.SEND, dir, type, null, null, null));
  }

  /** A handshake frame (or CLOSE) produced and withheld. */
  Script hold(Dir dir, FrameType type) {
    return add(new Step(Op.HOLD, dir, type, null, null, null));
  }

  Script data(Dir dir, byte[] payload) {
    return add(new Step(Op.SEND, dir, FrameType.DATA, payload, null, null));
  }

  Script holdData(Dir dir, byte[] payload) {
    return add(new Step(Op.HOLD, dir, FrameType.DATA, payload, null, null));
  }

  Script inject(Dir dir, FrameType type, Tamper tamper) {
    return add(new Step(Op.INJECT, dir, type, null, null, tamper));
  }

  /** Re-delivers the frame of step {@code index} unchanged. */
  Script replay(int index) {
    Step s = steps.get(index);
    return inject(s.dir, s.type, done -> done.get(index).frame.clone());
  }

  /** Delivers the frame of step {@code index} with {@code mask} XORed into byte {@code at}. */
  Script flip(int index, int at, int mask) {
    Step s = steps.get(index);
    return inject(s.dir, s.type, done -> {
      byte[] f = done.get(index).frame.clone();
      int i = at < 0 ? f.length + at : at;
      f[i] ^= (byte) mask;
      return f;
    });
  }

  Script rekeyNow(Dir side) {
    return add(new Step(Op.REKEY_NOW, side, null, null, null, null));
  }

  /** Index of the last step added. */
  int last() {
    return steps.size() - 1;
  }

  private Script add(Step s) {
    steps.add(s);
    return this;
  }
}
