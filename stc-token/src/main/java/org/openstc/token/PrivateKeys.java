package org.openstc.token;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.openstc.crypto.EcCurves;
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
    EcCurves curve = EcCurves.byNoiseName(type.noiseDh());
    BigInteger n = curve.bcParameters().getN();
    byte[] scalar = new byte[curve.fieldLength()];
    int excessBits = scalar.length * 8 - n.bitLength();
    while (true) {
      random.nextBytes(scalar);
      scalar[0] &= (byte) (0xff >>> excessBits);
      BigInteger d = new BigInteger(1, scalar);
      if (d.signum() > 0 && d.compareTo(n) < 0) {
        return scalar;
      }
    }
  }
}
