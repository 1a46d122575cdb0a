package org.openstc.stc;

import java.util.Arrays;
import org.openstc.noise.CipherState;

/**
 * The checks the partition side makes on a handshake and on received records, in one place so a
 * test can prove the conformance suite notices when one is missing. {@link #STRICT} is the only
 * implementation in openstc: it does what docs/protocol.md requires. The constructor is
 * package-private, so no code outside this package (and nothing configurable) can weaken a check;
 * the deliberately broken variants live in the {@code stc-testkit} module, which ships in no
 * distribution.
 */
public abstract class PartitionChecks {

  /** The checks of docs/protocol.md, every one enforced. */
  public static final PartitionChecks STRICT = new PartitionChecks() {};

  PartitionChecks() {}

  /**
   * The prologue bytes mixed into the handshake hash: the whole prologue (section 7.2), so a
   * downgrade of the offered suites breaks the handshake.
   */
  byte[] boundPrologue(byte[] buf, int off, int prologueLength) {
    return Arrays.copyOfRange(buf, off, off + prologueLength);
  }

  /** Whether ACTIVATE's MacTag_U proves the client holds the transport key (section 9). */
  boolean keyConfirmed(CipherState receiver, byte[] handshakeHash, byte[] tag) {
    return KeyConfirmation.verify(receiver, KeyConfirmation.LABEL_U, handshakeHash, tag);
  }

  /** {@link System#nanoTime()} by which ACTIVATE must complete after OPEN named the partition. */
  long activationDeadline(long startNanos, long timeoutNanos) {
    return startNanos + timeoutNanos;
  }

  /**
   * Why a verified record with sequence number {@code seq} must be refused, or null to accept it
   * (section 15): at or below {@code highest - size} it is below the window; inside the window it
   * must not have been {@code seen}.
   */
  String replayed(long seq, long highest, int size, boolean seen) {
    if (seq > highest) {
      return null;
    }
    if (highest - seq >= size) {
      return "sequence number " + seq + " is below the replay window";
    }
    return seen ? "sequence number " + seq + " was already received" : null;
  }
}
