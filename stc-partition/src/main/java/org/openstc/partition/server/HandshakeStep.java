package org.openstc.partition.server;

import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.PartitionHandshake.State;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;

/**
 * What one handshake frame did, computed on the handshake executor (store lookup, key unwrap, DH)
 * and handed back to the event loop, which writes {@code reply} and acts on the rest.
 *
 * @param reply the frame to send, or null
 * @param opened OPEN named a partition and the handshake now awaits ACTIVATE (it joins the
 *     partition's handshakes; the session slot is taken at ACTIVATE)
 * @param active ACTIVATE completed
 * @param deadline the activation deadline now in force ({@link System#nanoTime()})
 * @param error why the handshake failed, or null
 */
record HandshakeStep(byte[] reply, boolean opened, boolean active, long deadline,
    Throwable error) {

  /** Checks the deadline, then passes {@code frame} to {@code handshake}. */
  static HandshakeStep run(PartitionHandshake handshake, Frame frame) {
    try {
      handshake.checkDeadline(System.nanoTime());
      State before = handshake.state();
      byte[] reply = handshake.onFrame(frame);
      return new HandshakeStep(reply,
          before == State.AWAIT_OPEN && handshake.state() == State.AWAIT_ACTIVATE,
          handshake.isActive(), handshake.deadlineNanos(), null);
    } catch (StcException | RuntimeException e) {
      return new HandshakeStep(null, false, false, 0, e);
    }
  }
}
