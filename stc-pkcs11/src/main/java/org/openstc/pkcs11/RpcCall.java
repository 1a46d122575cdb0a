package org.openstc.pkcs11;

/**
 * The RPC calls of protocol versions 0 and 1 (p11-kit rpc-message.h): the call id is the
 * position in this table; each call has a request and a response signature, which every
 * message carries and which must match. Signature letters: u CK_ULONG, y byte, ay/au arrays,
 * fy/fu/fA output buffers, A attribute, M mechanism, s padded string, z string, v version.
 */
final class RpcCall {
  static final int ERROR = 0;
  static final int C_INITIALIZE = 1;
  static final int C_FINALIZE = 2;
  static final int C_GET_INFO = 3;
  static final int C_GET_SLOT_LIST = 4;
  static final int C_GET_SLOT_INFO = 5;
  static final int C_GET_TOKEN_INFO = 6;
  static final int C_GET_MECHANISM_LIST = 7;
  static final int C_GET_MECHANISM_INFO = 8;
  static final int C_OPEN_SESSION = 10;
  static final int C_CLOSE_SESSION = 11;
  static final int C_CLOSE_ALL_SESSIONS = 12;
  static final int C_GET_SESSION_INFO = 13;
  static final int C_INIT_PIN = 14;
  static final int C_SET_PIN = 15;
  static final int C_LOGIN = 18;
  static final int C_LOGOUT = 19;
  static final int C_CREATE_OBJECT = 20;
  static final int C_DESTROY_OBJECT = 22;
  static final int C_GET_ATTRIBUTE_VALUE = 24;
  static final int C_FIND_OBJECTS_INIT = 26;
  static final int C_FIND_OBJECTS = 27;
  static final int C_FIND_OBJECTS_FINAL = 28;
  static final int C_ENCRYPT_INIT = 29;
  static final int C_ENCRYPT = 30;
  static final int C_ENCRYPT_UPDATE = 31;
  static final int C_ENCRYPT_FINAL = 32;
  static final int C_DECRYPT_INIT = 33;
  static final int C_DECRYPT = 34;
  static final int C_DECRYPT_UPDATE = 35;
  static final int C_DECRYPT_FINAL = 36;
  static final int C_SIGN_INIT = 42;
  static final int C_SIGN = 43;
  static final int C_SIGN_UPDATE = 44;
  static final int C_SIGN_FINAL = 45;
  static final int C_VERIFY_INIT = 48;
  static final int C_VERIFY = 49;
  static final int C_VERIFY_UPDATE = 50;
  static final int C_VERIFY_FINAL = 51;
  static final int C_GENERATE_KEY = 58;
  static final int C_GENERATE_KEY_PAIR = 59;
  static final int C_SEED_RANDOM = 63;
  static final int C_GENERATE_RANDOM = 64;

  /** {name, request, response} by call id. */
  private static final String[][] CALLS = {
      {"ERROR", null, "u"},
      {"C_Initialize", "ayyay", ""}, {"C_Finalize", "", ""}, {"C_GetInfo", "", "vsusv"},
      {"C_GetSlotList", "yfu", "au"}, {"C_GetSlotInfo", "u", "ssuvv"},
      {"C_GetTokenInfo", "u", "ssssuuuuuuuuuuuvvs"}, {"C_GetMechanismList", "ufu", "au"},
      {"C_GetMechanismInfo", "uu", "uuu"}, {"C_InitToken", "uayz", ""},
      {"C_OpenSession", "uu", "u"}, {"C_CloseSession", "u", ""},
      {"C_CloseAllSessions", "u", ""}, {"C_GetSessionInfo", "u", "uuuu"},
      {"C_InitPIN", "uay", ""}, {"C_SetPIN", "uayay", ""},
      {"C_GetOperationState", "ufy", "ay"}, {"C_SetOperationState", "uayuu", ""},
      {"C_Login", "uuay", ""}, {"C_Logout", "u", ""}, {"C_CreateObject", "uaA", "u"},
      {"C_CopyObject", "uuaA", "u"}, {"C_DestroyObject", "uu", ""},
      {"C_GetObjectSize", "uu", "u"}, {"C_GetAttributeValue", "uufA", "aAu"},
      {"C_SetAttributeValue", "uuaA", ""}, {"C_FindObjectsInit", "uaA", ""},
      {"C_FindObjects", "ufu", "au"}, {"C_FindObjectsFinal", "u", ""},
      {"C_EncryptInit", "uMu", ""}, {"C_Encrypt", "uayfy", "ay"},
      {"C_EncryptUpdate", "uayfy", "ay"}, {"C_EncryptFinal", "ufy", "ay"},
      {"C_DecryptInit", "uMu", ""}, {"C_Decrypt", "uayfy", "ay"},
      {"C_DecryptUpdate", "uayfy", "ay"}, {"C_DecryptFinal", "ufy", "ay"},
      {"C_DigestInit", "uM", ""}, {"C_Digest", "uayfy", "ay"}, {"C_DigestUpdate", "uay", ""},
      {"C_DigestKey", "uu", ""}, {"C_DigestFinal", "ufy", "ay"}, {"C_SignInit", "uMu", ""},
      {"C_Sign", "uayfy", "ay"}, {"C_SignUpdate", "uay", ""}, {"C_SignFinal", "ufy", "ay"},
      {"C_SignRecoverInit", "uMu", ""}, {"C_SignRecover", "uayfy", "ay"},
      {"C_VerifyInit", "uMu", ""}, {"C_Verify", "uayay", ""}, {"C_VerifyUpdate", "uay", ""},
      {"C_VerifyFinal", "uay", ""}, {"C_VerifyRecoverInit", "uMu", ""},
      {"C_VerifyRecover", "uayfy", "ay"}, {"C_DigestEncryptUpdate", "uayfy", "ay"},
      {"C_DecryptDigestUpdate", "uayfy", "ay"}, {"C_SignEncryptUpdate", "uayfy", "ay"},
      {"C_DecryptVerifyUpdate", "uayfy", "ay"}, {"C_GenerateKey", "uMaA", "u"},
      {"C_GenerateKeyPair", "uMaAaA", "uu"}, {"C_WrapKey", "uMuufy", "ay"},
      {"C_UnwrapKey", "uMuayaA", "u"}, {"C_DeriveKey", "uMuaA", "u"},
      {"C_SeedRandom", "uay", ""}, {"C_GenerateRandom", "ufy", "ay"},
      {"C_WaitForSlotEvent", "u", "u"},
      {"C_LoginUser", "uuayay", ""}, {"C_SessionCancel", "uu", ""},
      {"C_MessageEncryptInit", "uMu", ""}, {"C_EncryptMessage", "uayayayfy", "ay"},
      {"C_EncryptMessageBegin", "uayay", ""}, {"C_EncryptMessageNext", "uayayfyu", "ay"},
      {"C_MessageEncryptFinal", "u", ""}, {"C_MessageDecryptInit", "uMu", ""},
      {"C_DecryptMessage", "uayayayfy", "ay"}, {"C_DecryptMessageBegin", "uayay", ""},
      {"C_DecryptMessageNext", "uayayfyu", "ay"}, {"C_MessageDecryptFinal", "u", ""},
      {"C_MessageSignInit", "uMu", ""}, {"C_SignMessage", "uayayfy", "ay"},
      {"C_SignMessageBegin", "uay", ""}, {"C_SignMessageNext", "uayayyfy", "ay"},
      {"C_MessageSignFinal", "u", ""}, {"C_MessageVerifyInit", "uMu", ""},
      {"C_VerifyMessage", "uayayay", ""}, {"C_VerifyMessageBegin", "uay", ""},
      {"C_VerifyMessageNext", "uayayay", ""}, {"C_MessageVerifyFinal", "u", ""},
  };

  private RpcCall() {}

  /** True for an id of a request this protocol version knows. */
  static boolean known(long id) {
    return id > ERROR && id < CALLS.length;
  }

  static String name(int id) {
    return CALLS[id][0];
  }

  static String request(int id) {
    return CALLS[id][1];
  }

  static String response(int id) {
    return CALLS[id][2];
  }
}
