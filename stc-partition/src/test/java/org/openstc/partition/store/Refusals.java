package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.openstc.command.CkResult;

/** Asserts a store refusal: its result code and a phrase of its message. */
final class Refusals {
  private Refusals() {}

  interface Call {
    void run() throws Exception;
  }

  static void refused(CkResult result, String text, Call call) {
    StoreException e = assertThrows(StoreException.class, call::run);
    assertEquals(result, e.result(), e.getMessage());
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }
}
