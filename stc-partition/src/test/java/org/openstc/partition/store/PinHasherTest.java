package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstc.command.internal.WireWriter;

/**
 * New PINs cost RFC 9106's second recommended option unless the insecure test knob is set, which is
 * announced; PINs stored before lanes were recorded (format 1, one lane) still verify.
 */
class PinHasherTest {
  private static final byte[] PIN = "12345678".getBytes(StandardCharsets.US_ASCII);

  @Test
  void defaultsAreRfc9106SecondRecommendedOption() {
    withProperty(null, () -> {
      PinHasher h = PinHasher.configured();
      assertEquals(64 * 1024, h.memoryKiB());
      assertEquals(3, h.iterations());
      assertEquals(4, h.parallelism());
      assertEquals(Optional.empty(), PinHasher.insecureWarning());
    });
  }

  @Test
  void theInsecureKnobLowersTheCostAndIsAnnounced() {
    assertEquals("openstc.insecure.argon2", PinHasher.PROPERTY);
    withProperty("64,1", () -> {
      PinHasher h = PinHasher.configured();
      assertEquals(64, h.memoryKiB());
      assertEquals(1, h.iterations());
      String warning = PinHasher.insecureWarning().orElseThrow();
      assertTrue(warning.startsWith("INSECURE"), warning);
      assertTrue(warning.contains("openstc.insecure.argon2=64,1"), warning);
    });
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

  private static void withProperty(String value, Runnable body) {
    String saved = System.getProperty(PinHasher.PROPERTY);
    try {
      if (value == null) {
        System.clearProperty(PinHasher.PROPERTY);
      } else {
        System.setProperty(PinHasher.PROPERTY, value);
      }
      body.run();
    } finally {
      if (saved == null) {
        System.clearProperty(PinHasher.PROPERTY);
      } else {
        System.setProperty(PinHasher.PROPERTY, saved);
      }
    }
  }
}
