package org.openstc.pkcs11;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** PINs from RPC arguments (UTF-8 bytes) as characters for the client library, always wiped. */
final class PinArguments {
  private PinArguments() {}

  /** What is done with one or two PINs. */
  interface Use {
    void use(char[] first, char[] second) throws CkrException;
  }

  /**
   * Runs {@code use} with the PINs as characters ({@code second} may be null); wipes the bytes
   * and the characters afterwards. A missing first PIN (protected authentication path) is
   * CKR_ARGUMENTS_BAD.
   */
  static void with(byte[] first, byte[] second, Use use) throws CkrException {
    char[] a = null;
    char[] b = null;
    try {
      if (first == null) {
        throw new CkrException(Ck.CKR_ARGUMENTS_BAD, "no PIN (no protected authentication path)");
      }
      a = chars(first);
      b = second == null ? null : chars(second);
      use.use(a, b);
    } finally {
      wipe(first);
      wipe(second);
      if (a != null) {
        Arrays.fill(a, '\0');
      }
      if (b != null) {
        Arrays.fill(b, '\0');
      }
    }
  }

  /** {@link RpcReader#end()}, wiping the PINs already read if the message does not end there. */
  static void end(RpcReader in, byte[] first, byte[] second) throws RpcFormatException {
    try {
      in.end();
    } catch (RpcFormatException e) {
      wipe(first);
      wipe(second);
      throw e;
    }
  }

  static void wipe(byte[] pin) {
    if (pin != null) {
      Arrays.fill(pin, (byte) 0);
    }
  }

  /** The PIN's characters; the decoder's buffer is wiped. */
  private static char[] chars(byte[] pin) {
    CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(pin));
    char[] out = new char[decoded.remaining()];
    decoded.get(out);
    Arrays.fill(decoded.array(), '\0');
    return out;
  }
}
