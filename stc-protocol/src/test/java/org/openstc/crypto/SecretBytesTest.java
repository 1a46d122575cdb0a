package org.openstc.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretBytesTest {

  @Test
  void destroyZeroesTheOwnedArray() {
    byte[] raw = {1, 2, 3, 4};
    SecretBytes s = SecretBytes.wrap(raw);
    assertFalse(s.isDestroyed());
    s.destroy();
    assertTrue(s.isDestroyed());
    assertArrayEquals(new byte[4], raw);
    assertThrows(IllegalStateException.class, s::bytes);
    assertThrows(IllegalStateException.class, s::copy);
  }

  @Test
  void copyOfIsIndependentOfTheCallersArray() {
    byte[] raw = {9, 8, 7};
    SecretBytes s = SecretBytes.copyOf(raw);
    raw[0] = 0;
    assertArrayEquals(new byte[] {9, 8, 7}, s.copy());
    assertNotSame(s.bytes(), s.copy());
    s.destroy();
    assertArrayEquals(new byte[] {0, 8, 7}, raw, "destroy touches only its own copy");
  }

  @Test
  void equalityAndToString() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {0x5a, 0x5b});
    assertTrue(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {0x5a, 0x5b})));
    assertFalse(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {0x5a, 0x5c})));
    assertFalse(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {0x5a})));
    assertFalse(a.toString().contains("5a") || a.toString().contains("90"));
    a.destroy();
    assertTrue(a.toString().contains("destroyed"));
  }

  @Test
  void wipe() {
    byte[] raw = {1, 2};
    SecretBytes.wipe(raw);
    assertArrayEquals(new byte[2], raw);
    assertDoesNotThrow(() -> SecretBytes.wipe(null));
  }
}
