package org.openstc.crypto;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstc.crypto.internal.EcCurves;

/**
 * P-256/P-521 public-key validation: both providers reject the same malformed points, through
 * {@link DhFunction#validatePublicKey} and through {@link DhKeyPair#agree}.
 */
class EcValidationTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  static Stream<Arguments> curves() {
    return CryptoProviders.all().stream()
        .flatMap(p -> Stream.of(EcCurves.P256, EcCurves.P521).map(c -> Arguments.of(p, c)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("curves")
  void wrongLengthIsRejected(CryptoProvider p, EcCurves curve) throws GeneralSecurityException {
    byte[] good = p.dh(curve.noiseName()).generateKeyPair(RANDOM).publicKey();
    rejected(p, curve, Arrays.copyOf(good, good.length - 1));
    rejected(p, curve, Arrays.copyOf(good, good.length + 1));
    rejected(p, curve, Arrays.copyOf(good, 1 + curve.fieldLength()));
    rejected(p, curve, new byte[] {0});
    rejected(p, curve, new byte[0]);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("curves")
  void onlyTheUncompressedPrefixIsAccepted(CryptoProvider p, EcCurves curve)
      throws GeneralSecurityException {
    byte[] good = p.dh(curve.noiseName()).generateKeyPair(RANDOM).publicKey();
    p.dh(curve.noiseName()).validatePublicKey(good);
    for (int prefix : new int[] {0x00, 0x02, 0x03, 0x05, 0x06, 0x07, 0x84, 0xff}) {
      byte[] bad = good.clone();
      bad[0] = (byte) prefix;
      rejected(p, curve, bad);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("curves")
  void pointsOffTheCurveAreRejected(CryptoProvider p, EcCurves curve)
      throws GeneralSecurityException {
    byte[] good = p.dh(curve.noiseName()).generateKeyPair(RANDOM).publicKey();
    byte[] badY = good.clone();
    badY[badY.length - 1] ^= 1;
    rejected(p, curve, badY);
    byte[] badX = good.clone();
    badX[curve.fieldLength()] ^= 1;
    rejected(p, curve, badX);
    byte[] origin = new byte[curve.pointLength()];
    origin[0] = 4;
    rejected(p, curve, origin);
  }

  /**
   * A point with a small x, written once canonically (accepted) and once with x + p, which still
   * satisfies the curve equation modulo p but is not a field element (rejected); likewise x = p.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("curves")
  void coordinatesNotBelowPAreRejected(CryptoProvider p, EcCurves curve)
      throws GeneralSecurityException {
    BigInteger prime = bcCurve(curve).getField().getCharacteristic();
    BigInteger[] xy = smallPoint(curve, prime);
    p.dh(curve.noiseName()).validatePublicKey(encode(curve, xy[0], xy[1]));
    rejected(p, curve, encode(curve, xy[0].add(prime), xy[1]));
    rejected(p, curve, encode(curve, prime, xy[1]));
    if (xy[1].add(prime).bitLength() <= 8 * curve.fieldLength()) {
      rejected(p, curve, encode(curve, xy[0], xy[1].add(prime)));
    }
  }

  /** The point with the smallest x >= 1 (p = 3 mod 4 for both curves, so sqrt is a power). */
  private static BigInteger[] smallPoint(EcCurves curve, BigInteger p) {
    BigInteger a = bcCurve(curve).getA().toBigInteger();
    BigInteger b = bcCurve(curve).getB().toBigInteger();
    for (BigInteger x = BigInteger.ONE; ; x = x.add(BigInteger.ONE)) {
      BigInteger rhs = x.pow(3).add(a.multiply(x)).add(b).mod(p);
      BigInteger y = rhs.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
      if (y.multiply(y).mod(p).equals(rhs)) {
        return new BigInteger[] {x, y};
      }
    }
  }

  /** Bouncy Castle's parameters: an account of the curve independent of the JDK's. */
  private static org.bouncycastle.math.ec.ECCurve bcCurve(EcCurves curve) {
    return org.bouncycastle.crypto.ec.CustomNamedCurves.getByName(curve.standardName()).getCurve();
  }

  private static byte[] encode(EcCurves curve, BigInteger x, BigInteger y) {
    byte[] out = new byte[curve.pointLength()];
    out[0] = 4;
    curve.writeFixed(x, out, 1);
    curve.writeFixed(y, out, 1 + curve.fieldLength());
    return out;
  }

  private static void rejected(CryptoProvider p, EcCurves curve, byte[] point)
      throws GeneralSecurityException {
    DhFunction f = p.dh(curve.noiseName());
    DhKeyPair pair = f.generateKeyPair(RANDOM);
    assertThrows(InvalidKeyException.class, () -> f.validatePublicKey(point));
    assertThrows(InvalidKeyException.class, () -> pair.agree(point));
  }
}
