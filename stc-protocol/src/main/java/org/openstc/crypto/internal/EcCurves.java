package org.openstc.crypto.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;

/**
 * The NIST curves openstc uses as Noise DH functions ({@code P256}, {@code P521}): the JDK's domain
 * parameters, SEC1 point encoding and public-key validation, and the private scalar range. JDK only:
 * the JCA provider uses this class and nothing of Bouncy Castle; the BC provider takes its own
 * parameters and validates points with BC's own code, so the two check each other.
 *
 * <p>Internal: not API; may change without notice.
 */
public enum EcCurves {
  P256("P256", "secp256r1", 32),
  P521("P521", "secp521r1", 66);

  private final String noiseName;
  private final String stdName;
  private final int fieldLength;
  private final ECParameterSpec jca;

  EcCurves(String noiseName, String stdName, int fieldLength) {
    this.noiseName = noiseName;
    this.stdName = stdName;
    this.fieldLength = fieldLength;
    this.jca = jcaNamed(stdName);
  }

  public String noiseName() {
    return noiseName;
  }

  public String standardName() {
    return stdName;
  }

  /** Bytes in one coordinate (and in the shared secret and the private scalar). */
  public int fieldLength() {
    return fieldLength;
  }

  /** Bytes in an uncompressed SEC1 point: {@code 0x04 || X || Y}. */
  public int pointLength() {
    return 1 + 2 * fieldLength;
  }

  public ECParameterSpec jcaParameters() {
    return jca;
  }

  /** The order {@code n} of the base point (the curves have cofactor 1). */
  public BigInteger order() {
    return jca.getOrder();
  }

  /** The field prime {@code p}. */
  public BigInteger prime() {
    return ((ECFieldFp) jca.getCurve().getField()).getP();
  }

  public static EcCurves byNoiseName(String name) {
    for (EcCurves c : values()) {
      if (c.noiseName.equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("not a NIST curve: " + name);
  }

  /**
   * Decodes an uncompressed SEC1 point and checks that it lies on the curve. The identity has no
   * uncompressed encoding, so a point that decodes is never the identity; the curves have cofactor 1,
   * so every point on the curve is in the prime-order group.
   */
  public ECPoint decodePoint(byte[] encoded) throws InvalidKeyException {
    if (encoded == null || encoded.length != pointLength()) {
      throw new InvalidKeyException(noiseName + " public key must be " + pointLength() + " bytes");
    }
    if (encoded[0] != 0x04) {
      throw new InvalidKeyException(noiseName + " public key must be an uncompressed point (0x04)");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + fieldLength));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(encoded, 1 + fieldLength, encoded.length));
    BigInteger p = prime();
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      throw new InvalidKeyException(noiseName + " public key coordinate out of range");
    }
    if (!y.multiply(y).mod(p).equals(curveRightSide(x))) {
      throw new InvalidKeyException(noiseName + " public key is not on the curve");
    }
    return new ECPoint(x, y);
  }

  /** Encodes a point as uncompressed SEC1. */
  public byte[] encodePoint(ECPoint point) {
    byte[] out = new byte[pointLength()];
    out[0] = 0x04;
    writeFixed(point.getAffineX(), out, 1);
    writeFixed(point.getAffineY(), out, 1 + fieldLength);
    return out;
  }

  /** {@code x^3 + a*x + b mod p}: the square of y for a point with abscissa x. */
  public BigInteger curveRightSide(BigInteger x) {
    BigInteger p = prime();
    return x.multiply(x).multiply(x).add(jca.getCurve().getA().multiply(x))
        .add(jca.getCurve().getB()).mod(p);
  }

  /** Decodes a big-endian private scalar and checks {@code 1 <= d < n}. */
  public BigInteger decodePrivate(byte[] scalar) throws InvalidKeyException {
    if (scalar.length != fieldLength) {
      throw new InvalidKeyException(noiseName + " private key must be " + fieldLength + " bytes");
    }
    BigInteger d = new BigInteger(1, scalar);
    if (d.signum() == 0 || d.compareTo(order()) >= 0) {
      throw new InvalidKeyException(noiseName + " private key out of range");
    }
    return d;
  }

  /**
   * A uniformly random private scalar in {@code [1, n)}, big-endian, {@link #fieldLength()} bytes
   * (rejection sampling). The caller owns and wipes the array.
   */
  public byte[] randomScalar(java.security.SecureRandom random) {
    BigInteger n = order();
    byte[] scalar = new byte[fieldLength];
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

  /** Writes {@code v} big-endian into exactly {@link #fieldLength()} bytes. */
  public void writeFixed(BigInteger v, byte[] out, int off) {
    byte[] raw = v.toByteArray();
    int start = raw.length > fieldLength ? raw.length - fieldLength : 0;
    int len = raw.length - start;
    Arrays.fill(out, off, off + fieldLength - len, (byte) 0);
    System.arraycopy(raw, start, out, off + fieldLength - len, len);
  }

  private static ECParameterSpec jcaNamed(String stdName) {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec(stdName));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks curve " + stdName, e);
    }
  }
}
