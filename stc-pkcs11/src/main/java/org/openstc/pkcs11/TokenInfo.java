package org.openstc.pkcs11;

/**
 * C_GetTokenInfo and C_GetMechanismInfo answers. The token is the partition in the slot:
 * label = partition label, serial = partition serial, manufacturer "openstc", model
 * "STC partition" (the 16-byte field does not hold "openstc partition").
 */
final class TokenInfo {
  static final String MODEL = "STC partition";
  private final P11State state;

  TokenInfo(P11State state) {
    this.state = state;
  }

  RpcWriter write(long slot, RpcWriter out) throws CkrException {
    Backend.Info info;
    boolean opened = state.slot(slot).backend == null;
    try {
      info = state.backend(slot).info();
    } catch (CkrException e) {
      state.dropBackend(slot);
      throw e;
    } finally {
      if (opened && state.slot(slot).sessions == 0) {
        state.dropBackend(slot); // opened only to answer this call
      }
    }
    long flags = Ck.CKF_RNG | Ck.CKF_LOGIN_REQUIRED | Ck.CKF_USER_PIN_INITIALIZED
        | (info.initialized() ? Ck.CKF_TOKEN_INITIALIZED : 0);
    long free = Math.max(0, info.sizeBytes() - info.usedBytes());
    return out.padded(info.label(), 32).padded("openstc", 32).padded(MODEL, 16)
        .padded(Long.toString(info.serial()), 16).ulong(flags)
        .ulong(0) // ulMaxSessionCount: CK_EFFECTIVELY_INFINITE
        .ulong(state.sessionCount(slot, false))
        .ulong(0) // ulMaxRwSessionCount
        .ulong(state.sessionCount(slot, true))
        .ulong(256).ulong(1) // PIN length limits of the command protocol (bytes)
        .ulong(info.sizeBytes()).ulong(free)
        .ulong(info.sizeBytes()).ulong(free)
        .version(0, 1).version(0, 1)
        .padded("", 16);
  }

  /** {@code {minKeySize, maxKeySize, flags}} of a mechanism; CKR_MECHANISM_INVALID if unknown. */
  static long[] mechanismInfo(long mechanism) throws CkrException {
    long ec = Ck.CKF_HW | Ck.CKF_EC_F_P | Ck.CKF_EC_NAMEDCURVE | Ck.CKF_EC_UNCOMPRESS;
    if (mechanism == Ck.CKM_AES_KEY_GEN) {
      return new long[] {32, 32, Ck.CKF_HW | Ck.CKF_GENERATE};
    } else if (mechanism == Ck.CKM_AES_GCM) {
      return new long[] {32, 32, Ck.CKF_HW | Ck.CKF_ENCRYPT | Ck.CKF_DECRYPT};
    } else if (mechanism == Ck.CKM_EC_KEY_PAIR_GEN) {
      return new long[] {256, 256, ec | Ck.CKF_GENERATE_KEY_PAIR};
    } else if (mechanism == Ck.CKM_ECDSA || mechanism == Ck.CKM_ECDSA_SHA256) {
      return new long[] {256, 256, ec | Ck.CKF_SIGN | Ck.CKF_VERIFY};
    } else if (mechanism == Ck.CKM_EC_EDWARDS_KEY_PAIR_GEN) {
      return new long[] {255, 255, Ck.CKF_HW | Ck.CKF_GENERATE_KEY_PAIR};
    } else if (mechanism == Ck.CKM_EDDSA) {
      return new long[] {255, 255, Ck.CKF_HW | Ck.CKF_SIGN | Ck.CKF_VERIFY};
    }
    throw new CkrException(Ck.CKR_MECHANISM_INVALID, String.format("mechanism 0x%x", mechanism));
  }
}
