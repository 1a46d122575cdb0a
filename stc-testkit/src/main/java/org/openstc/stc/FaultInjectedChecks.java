package org.openstc.stc;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openstc.noise.CipherState;

/**
 * Partition checks with one deliberate defect each, for proving that the conformance suite fails
 * when a host misses a check. Lives in the test-fixtures module only (the same package as
 * {@link PartitionChecks}, whose constructor is package-private); no openstc distribution contains
 * it, and the distribution test fails if one does.
 */
public final class FaultInjectedChecks extends PartitionChecks {

  /** One deliberate defect each. */
  public enum Fault {
    /** Duplicate records inside the replay window are accepted. */
    REPLAY_CHECK_OFF,
    /** Records below the replay window are accepted. */
    WINDOW_CHECK_OFF,
    /** The partition accepts any ACTIVATE without verifying MacTag_U. */
    KEY_CONFIRMATION_SKIPPED,
    /** The partition leaves the offered suites out of the Noise prologue. */
    PROLOGUE_UNBOUND,
    /** The partition never enforces the activation timeout once OPEN named it. */
    ACTIVATION_TIMEOUT_OFF;

    /** The name used on command lines: lower case with dashes, e.g. {@code replay-check-off}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The fault named {@code label} (or its enum name). */
    public static Fault of(String label) {
      for (Fault f : values()) {
        if (f.label().equals(label.trim()) || f.name().equals(label.trim())) {
          return f;
        }
      }
      throw new IllegalArgumentException("no such fault: " + label);
    }
  }

  /** The serial, version and selected suite: the prologue bytes an unbound host still mixes in. */
  private static final int PROLOGUE_FIXED_BYTES = 17;

  private final Fault fault;

  private FaultInjectedChecks(Fault fault) {
    this.fault = fault;
  }

  /** Strict checks except {@code fault}. */
  public static PartitionChecks with(Fault fault) {
    return new FaultInjectedChecks(fault);
  }

  public Fault fault() {
    return fault;
  }

  @Override
  byte[] boundPrologue(byte[] buf, int off, int prologueLength) {
    return fault == Fault.PROLOGUE_UNBOUND
        ? Arrays.copyOfRange(buf, off, off + Math.min(PROLOGUE_FIXED_BYTES, prologueLength))
        : super.boundPrologue(buf, off, prologueLength);
  }

  @Override
  boolean keyConfirmed(CipherState receiver, byte[] handshakeHash, byte[] tag) {
    return fault == Fault.KEY_CONFIRMATION_SKIPPED
        || super.keyConfirmed(receiver, handshakeHash, tag);
  }

  @Override
  long activationDeadline(long startNanos, long timeoutNanos) {
    return fault == Fault.ACTIVATION_TIMEOUT_OFF ? startNanos + TimeUnit.DAYS.toNanos(365)
        : super.activationDeadline(startNanos, timeoutNanos);
  }

  @Override
  String replayed(long seq, long highest, int size, boolean seen) {
    if (fault == Fault.WINDOW_CHECK_OFF && seq <= highest && highest - seq >= size) {
      return null;
    }
    if (fault == Fault.REPLAY_CHECK_OFF && seen) {
      return null;
    }
    return super.replayed(seq, highest, size, seen);
  }

  @Override
  public String toString() {
    return "FaultInjectedChecks[" + fault.label() + "]";
  }
}
