package org.openstc.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.command.internal.WireWriter;

/** A request that carries PINs can be cleared once sent: its body and its encoding. */
class PinHygieneTest {
  private static final byte[] PIN = "correct horse battery".getBytes(StandardCharsets.US_ASCII);

  @Test
  void everyPinRequestIsClearedWithItsEncoding() throws Exception {
    List<CommandRequest> requests = List.of(Requests.login(1, Role.CO, PIN),
        Requests.initPin(2, Role.CU, PIN), Requests.changePin(3, PIN, PIN),
        Requests.partitionInit(4, "label", PIN));
    for (CommandRequest r : requests) {
      byte[] frame = r.encode();
      assertTrue(contains(frame, PIN), r + ": the encoding carries the PIN before the wipe");
      assertEquals(r, CommandRequest.decode(frame), "encode and decode agree");
      assertTrue(r.carriesPin(), r.toString());
      r.wipeIfPin(frame);
      assertTrue(allZero(frame), r + ": encoding wiped");
      assertTrue(allZero(r.body()), r + ": body wiped");
    }
  }

  @Test
  void otherRequestsAreLeftAlone() {
    byte[] data = {1, 2, 3, 4};
    CommandRequest echo = Requests.echo(9, data);
    byte[] frame = echo.encode();
    byte[] before = frame.clone();
    assertFalse(echo.carriesPin());
    echo.wipeIfPin(frame);
    assertArrayEquals(before, frame);
    assertArrayEquals(data, echo.body());
  }

  @Test
  void theRequestKeepsNoReferenceToTheCallersPin() {
    byte[] pin = PIN.clone();
    CommandRequest r = Requests.login(5, Role.CO, pin);
    Arrays.fill(pin, (byte) 0);
    assertTrue(contains(r.encode(), PIN), "the caller may wipe its PIN once the request is built");
  }

  @Test
  void aLongPinSurvivesTheWritersGrowthAndDecodes() throws Exception {
    byte[] pin = new byte[PinBody.MAX_PIN_FIELD];
    Arrays.fill(pin, (byte) 'x');
    try (PinBody decoded = PinBody.decodeChange(PinBody.encodeChange(pin, PIN))) {
      assertArrayEquals(pin, decoded.pin());
      assertArrayEquals(PIN, decoded.newPin());
    }
  }

  @Test
  void aWipedWriterIsEmpty() {
    WireWriter w = new WireWriter().bytes(PIN);
    w.wipe();
    assertEquals(0, w.toByteArray().length);
    assertArrayEquals(new byte[] {7}, w.u8(7).toByteArray());
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
