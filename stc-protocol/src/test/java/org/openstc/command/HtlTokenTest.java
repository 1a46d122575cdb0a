package org.openstc.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The one-time token file: round trip, and every damage refused before use. */
class HtlTokenTest {
  private final byte[] token = new byte[32];

  {
    Arrays.fill(token, (byte) 7);
  }

  private final HtlToken t = new HtlToken("VM_Client", 1_700_000_000_000L, token);

  @Test
  void roundTrips() throws Exception {
    HtlToken back = HtlToken.decode(t.encode());
    assertEquals("VM_Client", back.client());
    assertEquals(1_700_000_000_000L, back.expiresMillis());
    assertArrayEquals(token, back.token());
  }

  @Test
  void truncatedFileIsRefused() {
    byte[] f = t.encode();
    for (int cut : new int[] {0, 10, f.length / 2, f.length - 1}) {
      assertThrows(MalformedCommandException.class, () -> HtlToken.decode(Arrays.copyOf(f, cut)));
    }
  }

  @Test
  void editedExpiryOrClientOrTokenFailsTheMac() {
    String f = new String(t.encode(), StandardCharsets.US_ASCII);
    for (String edited : new String[] {f.replace("expires 17", "expires 27"),
        f.replace("client VM_Client", "client VM_Clone"), f.replace("token BwcH", "token BwcI")}) {
      MalformedCommandException e = assertThrows(MalformedCommandException.class,
          () -> HtlToken.decode(edited.getBytes(StandardCharsets.US_ASCII)));
      assertTrue(e.getMessage().contains("MAC mismatch"), e.getMessage());
    }
  }

  @Test
  void oversizedOrForeignFileIsRefused() {
    assertThrows(MalformedCommandException.class, () -> HtlToken.decode(new byte[2000]));
    assertThrows(MalformedCommandException.class, () -> HtlToken.decode(
        "-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void messagesRoundTripAndTruncationIsMalformed() throws Exception {
    byte[] p = HtlBodies.prove(new HtlBodies.Prove(1, 5, token, token));
    assertEquals(5, HtlBodies.decodeProve(p).counter());
    assertThrows(MalformedCommandException.class,
        () -> HtlBodies.decodeProve(Arrays.copyOf(p, p.length - 1)));
    assertThrows(MalformedCommandException.class, () -> HtlBodies.decodeAccept(p));
    assertEquals("no", HtlBodies.decodeRefused(HtlBodies.refused(0x1B, "no")).message());
  }
}
