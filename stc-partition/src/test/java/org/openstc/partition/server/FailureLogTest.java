package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link FailureLog}: one line per kind and interval, every failure counted. */
class FailureLogTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final List<String> lines = new ArrayList<>();
  private final FailureLog log = new FailureLog(10_000, now::get, lines::add);

  @Test
  void theFirstFailureOfAKindIsLoggedThenNothingUntilTheIntervalEnds() {
    for (int i = 0; i < 50; i++) {
      log.record("CKR_STC_CONTAINER_INVALID", "10.0.0.1", "serial " + i);
      now.addAndGet(100);
    }
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("CKR_STC_CONTAINER_INVALID x1"), lines.get(0));
    now.addAndGet(5_000);
    log.record("CKR_STC_CONTAINER_INVALID", "10.0.0.2", "serial 99");
    assertEquals(2, lines.size());
    assertTrue(lines.get(1).contains("x50 since the previous line (51 in all)"), lines.get(1));
    assertTrue(lines.get(1).contains("10.0.0.2: serial 99"), lines.get(1));
  }

  @Test
  void kindsAreLimitedSeparatelyAndCountedSeparately() {
    for (int i = 0; i < 5; i++) {
      log.record("CKR_STC_CONTAINER_INVALID", "a", "x");
      log.record("limit: pending handshakes per source", "a", "y");
    }
    assertEquals(2, lines.size());
    assertEquals(Map.of("CKR_STC_CONTAINER_INVALID", 5L, "limit: pending handshakes per source",
        5L), log.counts());
  }
}
