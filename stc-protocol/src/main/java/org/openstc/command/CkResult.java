package org.openstc.command;

/**
 * Command result codes: the PKCS#11 {@code CKR_*} names and values (PKCS#11 v2.40/v3.0, pkcs11t.h)
 * that the command protocol uses. docs/protocol.md, Part 2, "Result codes", says when each is sent.
 */
public enum CkResult {
  CKR_OK(0x0),
  CKR_SLOT_ID_INVALID(0x3),
  CKR_GENERAL_ERROR(0x5),
  CKR_ARGUMENTS_BAD(0x7),
  CKR_ATTRIBUTE_SENSITIVE(0x11),
  CKR_ATTRIBUTE_VALUE_INVALID(0x13),
  CKR_ACTION_PROHIBITED(0x1B),
  CKR_DATA_INVALID(0x20),
  CKR_DATA_LEN_RANGE(0x21),
  CKR_DEVICE_ERROR(0x30),
  CKR_DEVICE_MEMORY(0x31),
  CKR_ENCRYPTED_DATA_INVALID(0x40),
  CKR_FUNCTION_NOT_SUPPORTED(0x54),
  CKR_KEY_HANDLE_INVALID(0x60),
  CKR_KEY_TYPE_INCONSISTENT(0x63),
  CKR_KEY_FUNCTION_NOT_PERMITTED(0x68),
  CKR_OBJECT_HANDLE_INVALID(0x82),
  CKR_OPERATION_NOT_INITIALIZED(0x91),
  CKR_PIN_INCORRECT(0xA0),
  CKR_PIN_INVALID(0xA1),
  CKR_PIN_LEN_RANGE(0xA2),
  CKR_PIN_LOCKED(0xA4),
  CKR_SIGNATURE_INVALID(0xC0),
  CKR_TOKEN_NOT_PRESENT(0xE0),
  CKR_TOKEN_NOT_RECOGNIZED(0xE1),
  CKR_USER_ALREADY_LOGGED_IN(0x100),
  CKR_USER_NOT_LOGGED_IN(0x101),
  CKR_USER_PIN_NOT_INITIALIZED(0x102),
  CKR_USER_TYPE_INVALID(0x103),
  CKR_USER_ANOTHER_ALREADY_LOGGED_IN(0x104);

  private final long code;

  CkResult(long code) {
    this.code = code;
  }

  /** The 32-bit value sent on the wire. */
  public long code() {
    return code;
  }

  /** {@code CKR_NAME (0x000000A0)}, as the CLIs print results. */
  public String describe() {
    return name() + String.format(" (0x%08X)", code);
  }

  /** The result for a wire value, or {@code null} when this implementation does not know it. */
  public static CkResult fromCode(long code) {
    for (CkResult r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return null;
  }
}
