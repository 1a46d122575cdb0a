package org.openstc.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.openstc.crypto.internal.EcCurves;

/** Test helper: random encoded private keys in the formats {@link DhFunction} documents. */
final class Keys {
  private Keys() {}

  /** Raw bytes for X25519/X448; a big-endian fixed-length scalar in [1, n) for P256/P521. */
  static byte[] randomPrivate(String dh, SecureRandom random) {
    switch (dh) {
      case "25519": return bytes(32, random);
      case "448": return bytes(56, random);
      default: return nistScalar(EcCurves.byNoiseName(dh), random);
    }
  }

  static byte[] bytes(int n, SecureRandom random) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  private static byte[] nistScalar(EcCurves curve, SecureRandom random) {
    BigInteger n = curve.order();
    BigInteger d = new BigInteger(n.bitLength() + 64, random).mod(n.subtract(BigInteger.ONE))
        .add(BigInteger.ONE);
    byte[] out = new byte[curve.fieldLength()];
    curve.writeFixed(d, out, 0);
    return out;
  }
}
