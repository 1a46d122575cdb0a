package org.openstc.pkcs11;

/**
 * The PKCS#11 (v2.40 / v3.0, pkcs11t.h) numbers stc-p11 uses: return values, attribute types,
 * object classes, key types, mechanisms and flags. Only what this server reads or answers.
 */
final class Ck {
  private Ck() {}

  // Return values (CKR_*).
  static final long CKR_OK = 0x0;
  static final long CKR_SLOT_ID_INVALID = 0x3;
  static final long CKR_GENERAL_ERROR = 0x5;
  static final long CKR_ARGUMENTS_BAD = 0x7;
  static final long CKR_ATTRIBUTE_SENSITIVE = 0x11;
  static final long CKR_ATTRIBUTE_TYPE_INVALID = 0x12;
  static final long CKR_ATTRIBUTE_VALUE_INVALID = 0x13;
  static final long CKR_DATA_INVALID = 0x20;
  static final long CKR_DATA_LEN_RANGE = 0x21;
  static final long CKR_DEVICE_ERROR = 0x30;
  static final long CKR_DEVICE_REMOVED = 0x32;
  static final long CKR_ENCRYPTED_DATA_INVALID = 0x40;
  static final long CKR_FUNCTION_NOT_SUPPORTED = 0x54;
  static final long CKR_KEY_HANDLE_INVALID = 0x60;
  static final long CKR_KEY_TYPE_INCONSISTENT = 0x63;
  static final long CKR_KEY_FUNCTION_NOT_PERMITTED = 0x68;
  static final long CKR_MECHANISM_INVALID = 0x70;
  static final long CKR_MECHANISM_PARAM_INVALID = 0x71;
  static final long CKR_OBJECT_HANDLE_INVALID = 0x82;
  static final long CKR_OPERATION_ACTIVE = 0x90;
  static final long CKR_OPERATION_NOT_INITIALIZED = 0x91;
  static final long CKR_PIN_INCORRECT = 0xA0;
  static final long CKR_SESSION_HANDLE_INVALID = 0xB3;
  static final long CKR_SESSION_PARALLEL_NOT_SUPPORTED = 0xB4;
  static final long CKR_SIGNATURE_INVALID = 0xC0;
  static final long CKR_SIGNATURE_LEN_RANGE = 0xC1;
  static final long CKR_TEMPLATE_INCOMPLETE = 0xD0;
  static final long CKR_TEMPLATE_INCONSISTENT = 0xD1;
  static final long CKR_USER_NOT_LOGGED_IN = 0x101;
  static final long CKR_USER_TYPE_INVALID = 0x103;
  static final long CKR_BUFFER_TOO_SMALL = 0x150;
  static final long CKR_CRYPTOKI_NOT_INITIALIZED = 0x190;
  static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

  // Attribute types (CKA_*).
  static final long CKA_CLASS = 0x0;
  static final long CKA_TOKEN = 0x1;
  static final long CKA_PRIVATE = 0x2;
  static final long CKA_LABEL = 0x3;
  static final long CKA_VALUE = 0x11;
  static final long CKA_APPLICATION = 0x10;
  static final long CKA_CERTIFICATE_TYPE = 0x80;
  static final long CKA_KEY_TYPE = 0x100;
  static final long CKA_SUBJECT = 0x101;
  static final long CKA_ID = 0x102;
  static final long CKA_SENSITIVE = 0x103;
  static final long CKA_ENCRYPT = 0x104;
  static final long CKA_DECRYPT = 0x105;
  static final long CKA_WRAP = 0x106;
  static final long CKA_UNWRAP = 0x107;
  static final long CKA_SIGN = 0x108;
  static final long CKA_SIGN_RECOVER = 0x109;
  static final long CKA_VERIFY = 0x10A;
  static final long CKA_VERIFY_RECOVER = 0x10B;
  static final long CKA_DERIVE = 0x10C;
  static final long CKA_VALUE_LEN = 0x161;
  static final long CKA_EXTRACTABLE = 0x162;
  static final long CKA_LOCAL = 0x163;
  static final long CKA_NEVER_EXTRACTABLE = 0x164;
  static final long CKA_ALWAYS_SENSITIVE = 0x165;
  static final long CKA_MODIFIABLE = 0x170;
  static final long CKA_EC_PARAMS = 0x180;
  static final long CKA_EC_POINT = 0x181;
  static final long CKA_ALWAYS_AUTHENTICATE = 0x202;

  // Object classes (CKO_*), key types (CKK_*), certificate types (CKC_*).
  static final long CKO_DATA = 0x0;
  static final long CKO_CERTIFICATE = 0x1;
  static final long CKO_PUBLIC_KEY = 0x2;
  static final long CKO_PRIVATE_KEY = 0x3;
  static final long CKO_SECRET_KEY = 0x4;
  static final long CKK_EC = 0x3;
  static final long CKK_AES = 0x1F;
  static final long CKK_EC_EDWARDS = 0x40;
  static final long CKC_X_509 = 0x0;

  // Mechanisms (CKM_*).
  static final long CKM_EC_KEY_PAIR_GEN = 0x1040;
  static final long CKM_ECDSA = 0x1041;
  static final long CKM_ECDSA_SHA256 = 0x1044;
  static final long CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
  static final long CKM_EDDSA = 0x1057;
  static final long CKM_AES_KEY_GEN = 0x1080;
  static final long CKM_AES_GCM = 0x1087;

  // User types (CKU_*): the vendor's Crypto User is CKU_CRYPTO_USER.
  static final long CKU_SO = 0;
  static final long CKU_USER = 1;
  static final long CKU_CRYPTO_USER = 0x80000001L;

  // Flags.
  static final long CKF_TOKEN_PRESENT = 0x1;
  static final long CKF_REMOVABLE_DEVICE = 0x2;
  static final long CKF_HW_SLOT = 0x4;
  static final long CKF_RNG = 0x1;
  static final long CKF_LOGIN_REQUIRED = 0x4;
  static final long CKF_USER_PIN_INITIALIZED = 0x8;
  static final long CKF_TOKEN_INITIALIZED = 0x400;
  static final long CKF_RW_SESSION = 0x2;
  static final long CKF_SERIAL_SESSION = 0x4;
  static final long CKF_HW = 0x1;
  static final long CKF_ENCRYPT = 0x100;
  static final long CKF_DECRYPT = 0x200;
  static final long CKF_SIGN = 0x800;
  static final long CKF_VERIFY = 0x2000;
  static final long CKF_GENERATE = 0x8000;
  static final long CKF_GENERATE_KEY_PAIR = 0x10000;
  static final long CKF_EC_F_P = 0x100000;
  static final long CKF_EC_NAMEDCURVE = 0x800000;
  static final long CKF_EC_UNCOMPRESS = 0x1000000;

  // Session states (CKS_*).
  static final long CKS_RO_PUBLIC_SESSION = 0;
  static final long CKS_RO_USER_FUNCTIONS = 1;
  static final long CKS_RW_PUBLIC_SESSION = 2;
  static final long CKS_RW_USER_FUNCTIONS = 3;
  static final long CKS_RW_SO_FUNCTIONS = 4;

  /** CK_UNAVAILABLE_INFORMATION, as a 64-bit CK_ULONG. */
  static final long UNAVAILABLE = -1L;
}
