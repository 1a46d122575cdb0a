package org.openstc.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The administrator's Argon2id cost: RFC 9106's default, Argon2's minimum, the warning below. */
class Argon2CostTest {
  @Test
  void theRecommendationIsRfc9106SecondOptionAndDoesNotWarn() {
    assertEquals(new Argon2Cost(65536, 3, 4), Argon2Cost.RECOMMENDED);
    assertEquals("64 MiB, 3 passes, 4 lanes", Argon2Cost.RECOMMENDED.describe());
    assertEquals(Optional.empty(), Argon2Cost.RECOMMENDED.warning());
    assertFalse(new Argon2Cost(1024 * 1024, 4, 8).belowRecommendation(), "more is fine");
  }

  @Test
  void lessMemoryOrFewerPassesWarnsInOneLineFewerLanesDoNot() {
    Argon2Cost cheap = new Argon2Cost(64, 1, 1);
    String warning = cheap.warning().orElseThrow();
    assertEquals("WARNING: Argon2id cost 64 KiB, 1 pass, 1 lane is below RFC 9106's recommendation"
        + " (64 MiB, 3 passes, 4 lanes): passwords hashed with it are cheaper to guess", warning);
    assertFalse(warning.contains("\n"));
    assertTrue(new Argon2Cost(65536 - 1, 3, 4).belowRecommendation());
    assertTrue(new Argon2Cost(65536, 2, 4).belowRecommendation());
    assertFalse(new Argon2Cost(65536, 3, 1).belowRecommendation(), "lanes set parallelism only");
  }

  @Test
  void argon2sMinimumAndTheUpperBoundsAreEnforcedWithTheReason() {
    assertEquals(8, new Argon2Cost(8, 1, 1).memoryKiB(), "Argon2's own minimum is accepted");
    assertRefused("memory must be 32..", () -> new Argon2Cost(31, 1, 4));
    assertRefused("memory must be 8..", () -> new Argon2Cost(7, 1, 1));
    assertRefused("passes must be 1..64, not 0", () -> new Argon2Cost(64, 0, 1));
    assertRefused("passes must be 1..64, not 65", () -> new Argon2Cost(64, 65, 1));
    assertRefused("lanes must be 1..16, not 0", () -> new Argon2Cost(64, 1, 0));
    assertRefused("lanes must be 1..16, not 17", () -> new Argon2Cost(1024, 1, 17));
    assertRefused("not 4194305", () -> new Argon2Cost(Argon2Cost.MAX_MEMORY_KIB + 1, 1, 1));
    assertRefused("not -1", () -> new Argon2Cost(-1, 1, 1));
  }

  private static void assertRefused(String why, Runnable make) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
    assertTrue(e.getMessage().contains(why), e.getMessage());
  }
}
