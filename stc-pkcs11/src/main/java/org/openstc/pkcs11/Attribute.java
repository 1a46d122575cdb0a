package org.openstc.pkcs11;

import java.util.Arrays;
import java.util.Set;

/**
 * One CK_ATTRIBUTE as the RPC protocol carries it. The wire encoding of a value depends on the
 * attribute type (p11-kit maps each type to a byte, a CK_ULONG, a nested template, a mechanism
 * list or a byte array); {@link #kindOf} is that map for the standard types, byte array for
 * the rest, as p11-kit does.
 */
final class Attribute {
  /** How a value of a type is encoded. */
  enum Kind { BOOL, ULONG, NESTED, MECHANISMS, BYTES }

  /** A C_GetAttributeValue template entry: the type and the caller's buffer size (0: query). */
  record Request(long type, long capacity) {}

  private static final Set<Long> BOOL_TYPES = Set.of(0x1L, 0x2L, 0x86L, 0x103L, 0x104L, 0x105L,
      0x106L, 0x107L, 0x108L, 0x109L, 0x10AL, 0x10BL, 0x10CL, 0x162L, 0x163L, 0x164L, 0x165L,
      0x170L, 0x171L, 0x200L, 0x202L, 0x210L, 0x301L, 0x302L, 0x405L);
  private static final Set<Long> ULONG_TYPES = Set.of(0x0L, 0x80L, 0x87L, 0x88L, 0x100L, 0x121L,
      0x133L, 0x134L, 0x160L, 0x161L, 0x166L, 0x201L, 0x300L, 0x400L, 0x401L, 0x402L, 0x403L,
      0x404L, 0x406L, 0x500L);
  private static final Set<Long> NESTED_TYPES = Set.of(0x40000211L, 0x40000212L, 0x40000213L);
  private static final long ALLOWED_MECHANISMS = 0x40000600L;

  private final long type;
  private final boolean available;
  private final boolean bool;
  private final long ulong;
  private final byte[] bytes;

  private Attribute(long type, boolean available, boolean bool, long ulong, byte[] bytes) {
    this.type = type;
    this.available = available;
    this.bool = bool;
    this.ulong = ulong;
    this.bytes = bytes;
  }

  static Kind kindOf(long type) {
    if (BOOL_TYPES.contains(type)) {
      return Kind.BOOL;
    }
    if (ULONG_TYPES.contains(type)) {
      return Kind.ULONG;
    }
    if (NESTED_TYPES.contains(type)) {
      return Kind.NESTED;
    }
    return type == ALLOWED_MECHANISMS ? Kind.MECHANISMS : Kind.BYTES;
  }

  static Attribute ofBool(long type, boolean value) {
    return new Attribute(type, true, value, 0, null);
  }

  static Attribute ofUlong(long type, long value) {
    return new Attribute(type, true, false, value, null);
  }

  static Attribute ofBytes(long type, byte[] value) {
    return new Attribute(type, true, false, 0, value.clone());
  }

  /** No value: ulValueLen was CK_UNAVAILABLE_INFORMATION, or a type this server ignores. */
  static Attribute unavailable(long type) {
    return new Attribute(type, false, false, 0, null);
  }

  long type() {
    return type;
  }

  boolean available() {
    return available;
  }

  boolean bool() {
    return bool;
  }

  long ulong() {
    return ulong;
  }

  byte[] bytes() {
    return bytes == null ? new byte[0] : bytes.clone();
  }

  /** The value's length as a 64-bit client states it in ulValueLen. */
  long valueLength() {
    switch (kindOf(type)) {
      case BOOL:
        return 1;
      case ULONG:
        return 8;
      default:
        return bytes == null ? 0 : bytes.length;
    }
  }

  /** True if {@code other} (same type) has the same value: how FindObjects matches templates. */
  boolean sameValue(Attribute other) {
    return type == other.type && available == other.available && bool == other.bool
        && ulong == other.ulong && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public String toString() {
    return String.format("CKA 0x%x", type);
  }
}
