package org.openstc.stc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class InsecureFaultsTest {

  @Test
  void offByDefault() {
    assertTrue(InsecureFaults.active().isEmpty(), "tests must run without faults");
    assertNull(InsecureFaults.banner());
  }

  @Test
  void parsesLabelsAndIgnoresUnknownNames() {
    assertEquals(EnumSet.of(InsecureFaults.Fault.REPLAY_CHECK_OFF,
        InsecureFaults.Fault.ACTIVATION_TIMEOUT_OFF),
        InsecureFaults.parse(" replay-check-off ,ACTIVATION_TIMEOUT_OFF, nonsense"));
    assertTrue(InsecureFaults.parse("").isEmpty());
  }
}
