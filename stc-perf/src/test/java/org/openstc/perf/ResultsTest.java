package org.openstc.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-run ratios: a run whose reference measured nothing (starved by load) gives no ratio. */
class ResultsTest {
  @Test
  void runsWithAZeroReferenceAreLeftOut() {
    assertEquals("2.00x [1.00-3.00]", Results.ratio(List.of(1.0, 5.0, 6.0), List.of(1.0, 0.0, 2.0)));
    assertEquals("", Results.ratio(List.of(5.0), List.of(0.0)));
  }
}
