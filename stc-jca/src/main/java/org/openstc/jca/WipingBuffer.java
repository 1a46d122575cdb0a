package org.openstc.jca;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** A growing byte buffer that zeroes what it held when emptied (Cipher and Signature input). */
final class WipingBuffer extends ByteArrayOutputStream {
  void wipe() {
    Arrays.fill(buf, (byte) 0);
    reset();
  }
}
