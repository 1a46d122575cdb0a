package org.openstc.pkcs11;

/**
 * A CK_MECHANISM as protocol versions 0 and 1 carry it: {@code u32 type}, then the parameter.
 * Mechanisms without a parameter carry a byte array (NULL); CKM_AES_GCM carries CK_GCM_PARAMS
 * as {@code bytes iv || u64 ivBits || bytes aad || u64 tagBits}. A mechanism this server does
 * not implement is answered CKR_MECHANISM_INVALID without reading its (unknown) parameter.
 */
record Mechanism(long type, byte[] iv, byte[] aad, long tagBits) {
  /** The largest GCM IV accepted (the partition's ENCRYPT_GCM limit). */
  static final int MAX_IV = 128;

  static Mechanism read(RpcReader in) throws RpcFormatException, CkrException {
    long type = in.u32();
    if (type == Ck.CKM_AES_GCM) {
      byte[] iv = in.byteArray();
      in.ulong(); // ulIvBits: informative, the IV bytes rule
      byte[] aad = in.byteArray();
      long tagBits = in.ulong();
      return new Mechanism(type, iv == null ? new byte[0] : iv, aad == null ? new byte[0] : aad,
          tagBits);
    }
    if (type == Ck.CKM_ECDSA || type == Ck.CKM_ECDSA_SHA256 || type == Ck.CKM_EDDSA
        || type == Ck.CKM_AES_KEY_GEN || type == Ck.CKM_EC_KEY_PAIR_GEN
        || type == Ck.CKM_EC_EDWARDS_KEY_PAIR_GEN) {
      byte[] param = in.byteArray();
      if (param != null && param.length > 0) {
        throw new CkrException(Ck.CKR_MECHANISM_PARAM_INVALID);
      }
      return new Mechanism(type, null, null, 0);
    }
    throw new CkrException(Ck.CKR_MECHANISM_INVALID,
        String.format("mechanism 0x%x is not supported", type));
  }

  /** The GCM tag length in bytes, checked: 12 to 16 bytes (96 to 128 bits, whole bytes). */
  int gcmTagBytes() throws CkrException {
    if (tagBits % 8 != 0 || tagBits < 96 || tagBits > 128) {
      throw new CkrException(Ck.CKR_MECHANISM_PARAM_INVALID, "GCM tag of " + tagBits + " bits");
    }
    if (iv.length == 0 || iv.length > MAX_IV || aad.length > 65536) {
      throw new CkrException(Ck.CKR_MECHANISM_PARAM_INVALID, "GCM IV of " + iv.length + " bytes");
    }
    return (int) (tagBits / 8);
  }
}
