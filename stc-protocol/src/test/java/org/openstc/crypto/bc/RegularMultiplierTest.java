package org.openstc.crypto.bc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.generators.Generate;

/**
 * {@link RegularMultiplier} against BC's reference double-and-add, on both curves: the scalars
 * where a recoding goes wrong first (1, 2, small, even and odd, each window boundary, n - 1,
 * n - 2, all-ones below n) and random scalars; a scalar of n gives no point.
 */
class RegularMultiplierTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @ParameterizedTest
  @ValueSource(strings = {"secp256r1", "secp521r1"})
  void edgeScalarsMatchTheReference(String name) {
    X9ECParameters params = CustomNamedCurves.getByName(name);
    BigInteger n = params.getN();
    ECPoint p = params.getG().multiply(new BigInteger(n.bitLength() - 1, RANDOM)).normalize();
    List<BigInteger> scalars = new ArrayList<>();
    for (int k = 1; k <= 70; k++) {
      scalars.add(BigInteger.valueOf(k));
    }
    for (int bit = 4; bit < n.bitLength(); bit += 5) { // around each window boundary
      BigInteger b = BigInteger.ONE.shiftLeft(bit);
      scalars.add(b);
      scalars.add(b.subtract(BigInteger.ONE));
      scalars.add(b.add(BigInteger.ONE));
    }
    scalars.add(n.subtract(BigInteger.ONE));
    scalars.add(n.subtract(BigInteger.TWO));
    scalars.add(BigInteger.ONE.shiftLeft(n.bitLength() - 1).subtract(BigInteger.ONE));
    for (BigInteger k : scalars) {
      assertEquals(reference(p, k), RegularMultiplier.x(p, k, n), name + " k=" + k);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"secp256r1", "secp521r1"})
  void randomScalarsAndPointsMatchTheReference(String name) {
    X9ECParameters params = CustomNamedCurves.getByName(name);
    BigInteger n = params.getN();
    qt().withExamples(40).forAll(Generate.longRange(1, Long.MAX_VALUE),
        Generate.longRange(1, Long.MAX_VALUE)).checkAssert((a, b) -> {
          BigInteger k = new BigInteger(n.bitLength(), new java.util.Random(a)).mod(n);
          BigInteger e = new BigInteger(n.bitLength(), new java.util.Random(b)).mod(n);
          if (k.signum() == 0 || e.signum() == 0) {
            return;
          }
          ECPoint p = params.getG().multiply(e).normalize();
          assertEquals(reference(p, k), RegularMultiplier.x(p, k, n), name + " k=" + k);
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"secp256r1", "secp521r1"})
  void theOrderGivesNoPoint(String name) {
    X9ECParameters params = CustomNamedCurves.getByName(name);
    assertNull(RegularMultiplier.x(params.getG(), params.getN(), params.getN()));
  }

  private static BigInteger reference(ECPoint p, BigInteger k) {
    return ECAlgorithms.referenceMultiply(p, k).normalize().getAffineXCoord().toBigInteger();
  }
}
