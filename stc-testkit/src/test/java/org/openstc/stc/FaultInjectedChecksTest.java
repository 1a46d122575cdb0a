package org.openstc.stc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.openstc.stc.FaultInjectedChecks.Fault;

/** Each fault breaks exactly its own check; strict checks refuse what the faults let through. */
class FaultInjectedChecksTest {

  @Test
  void replayCheckOffAcceptsADuplicateOnly() {
    assertNotNull(duplicate(PartitionChecks.STRICT));
    assertNull(duplicate(FaultInjectedChecks.with(Fault.REPLAY_CHECK_OFF)));
    assertNotNull(belowWindow(FaultInjectedChecks.with(Fault.REPLAY_CHECK_OFF)));
  }

  @Test
  void windowCheckOffAcceptsBelowTheWindowOnly() {
    assertNotNull(belowWindow(PartitionChecks.STRICT));
    assertNull(belowWindow(FaultInjectedChecks.with(Fault.WINDOW_CHECK_OFF)));
    assertNotNull(duplicate(FaultInjectedChecks.with(Fault.WINDOW_CHECK_OFF)));
  }

  @Test
  void activationTimeoutOffMovesTheDeadlineOutOfReach() {
    long strict = PartitionChecks.STRICT.activationDeadline(0, 2_000_000_000L);
    long broken = FaultInjectedChecks.with(Fault.ACTIVATION_TIMEOUT_OFF)
        .activationDeadline(0, 2_000_000_000L);
    assertEquals(2_000_000_000L, strict);
    assertEquals(true, broken > 86_400_000_000_000L);
  }

  @Test
  void prologueUnboundKeepsOnlyTheFixedPart() {
    byte[] prologue = new byte[40];
    assertEquals(40, PartitionChecks.STRICT.boundPrologue(prologue, 0, 40).length);
    assertEquals(17, FaultInjectedChecks.with(Fault.PROLOGUE_UNBOUND)
        .boundPrologue(prologue, 0, 40).length);
  }

  @Test
  void labelsParseAndUnknownNamesAreRefused() {
    assertEquals(Fault.KEY_CONFIRMATION_SKIPPED, Fault.of(" key-confirmation-skipped"));
    assertEquals(Fault.WINDOW_CHECK_OFF, Fault.of("WINDOW_CHECK_OFF"));
    assertThrows(IllegalArgumentException.class, () -> Fault.of("nonsense"));
  }

  private static String duplicate(PartitionChecks checks) {
    ReplayWindow w = new ReplayWindow(64, checks);
    w.accept(5);
    return w.check(5);
  }

  private static String belowWindow(PartitionChecks checks) {
    ReplayWindow w = new ReplayWindow(64, checks);
    w.accept(100);
    return w.check(10);
  }
}
