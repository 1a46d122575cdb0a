package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.openstc.command.internal.WireWriter;
import org.openstc.crypto.Argon2Cost;

/**
 * New PINs cost what the hasher was given (the host's choice at hsm init, by default RFC 9106's
 * second recommended option); PINs stored before lanes were recorded (format 1, one lane) still
 * verify.
 */
class PinHasherTest {
  private static final byte[] PIN = "12345678".getBytes(StandardCharsets.US_ASCII);

  @Test
  void theRecommendedHasherIsRfc9106SecondOption() {
    PinHasher h = PinHasher.recommended();
    assertEquals(64 * 1024, h.memoryKiB());
    assertEquals(3, h.iterations());
    assertEquals(4, h.parallelism());
    assertEquals(Argon2Cost.RECOMMENDED, h.cost());
  }

  @Test
  void newRecordsCarryTheHashersCost() {
    RoleRecord r = new PinHasher(new Argon2Cost(96, 2, 2)).newRecord(PIN, new SecureRandom());
    assertEquals(96, r.memoryKiB());
    assertEquals(2, r.iterations());
    assertEquals(2, r.parallelism());
    assertTrue(PinHasher.matches(PIN, r));
  }

  @Test
  void recordsKeepTheirLanesAndOldOneLaneRecordsStillVerify() throws Exception {
    RoleRecord fresh = new PinHasher(64, 1, 4).newRecord(PIN, new SecureRandom());
    RoleRecord decoded = RoleRecord.decode(fresh.encode());
    assertEquals(4, decoded.parallelism());
    assertTrue(PinHasher.matches(PIN, decoded));
    assertFalse(PinHasher.matches("12345679".getBytes(StandardCharsets.US_ASCII), decoded));

    byte[] salt = new byte[16];
    byte[] oneLane = new WireWriter().u8(1).bytes(salt).u32(64).u32(1)
        .bytes(PinHasher.hash(PIN, salt, 64, 1, 1)).u8(2).toByteArray();
    RoleRecord old = RoleRecord.decode(oneLane);
    assertEquals(1, old.parallelism());
    assertEquals(2, old.failures());
    assertTrue(PinHasher.matches(PIN, old));
  }
}
