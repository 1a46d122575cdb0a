package org.openstc.stc;

import java.security.GeneralSecurityException;
import org.openstc.noise.NoiseException;

/** Translates Noise engine failures into STC codes, in this one place. */
final class NoiseErrors {
  private NoiseErrors() {}

  static StcException translate(GeneralSecurityException e) {
    if (!(e instanceof NoiseException)) {
      return new StcException(StcError.CKR_STC_COMPUTE_DH_KEY_ERROR,
          "key agreement with the static key failed");
    }
    switch (((NoiseException) e).reason()) {
      case DECRYPT_FAILED:
        return StcException.badMac();
      case BAD_PUBLIC_KEY:
        return new StcException(StcError.CKR_STC_OPEN_DHNIST_PUBKEY_ERROR,
            "invalid public key in handshake");
      case DH_FAILED:
        return new StcException(StcError.CKR_STC_COMPUTE_DH_KEY_ERROR,
            "Diffie-Hellman failed (low-order or invalid point)");
      case MESSAGE_TOO_SHORT:
      case MESSAGE_TOO_LONG:
        return new StcException(StcError.CKR_STC_UNEXPECTED_DH_DATA_SIZE,
            "handshake message has the wrong length");
      default:
        return new StcException(StcError.CKR_STC_OPEN_KEY_MATERIAL_GEN_FAIL, e.getMessage());
    }
  }
}
