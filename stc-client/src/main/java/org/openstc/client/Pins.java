package org.openstc.client;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** PIN handling: char[] to UTF-8 bytes without going through a String. */
final class Pins {
  private Pins() {}

  static byte[] utf8(char[] pin) {
    ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pin));
    byte[] out = Arrays.copyOfRange(b.array(), b.position(), b.limit());
    Arrays.fill(b.array(), (byte) 0);
    return out;
  }
}
