package org.openstc.token;

import java.security.SecureRandom;
import org.openstc.crypto.internal.EcCurves;
import org.openstc.stc.KeyType;

/** Generates raw private keys in the protocol's encoding, so the token can encrypt them at rest. */
final class PrivateKeys {
  private PrivateKeys() {}

  /** X25519: 32 random bytes (clamped when used). NIST: a uniform scalar in [1, n), big-endian. */
  static byte[] generate(KeyType type, SecureRandom random) {
    if (type == KeyType.X25519) {
      byte[] k = new byte[32];
      random.nextBytes(k);
      return k;
    }
    return EcCurves.byNoiseName(type.noiseDh()).randomScalar(random);
  }
}
