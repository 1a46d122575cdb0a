package org.openstc.crypto.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;

/**
 * The two encodings of an ECDSA signature: DER ({@code SEQUENCE { INTEGER r, INTEGER s }}, what
 * the JDK's {@code Signature} produces and X.509 carries) and raw {@code r || s} with each half
 * fixed-length big-endian (what PKCS#11 CKM_ECDSA and the command protocol's SIGN_DIGEST carry).
 *
 * <p>Internal: not API; may change without notice.
 */
public final class EcdsaSignatures {
  private EcdsaSignatures() {}

  /** DER to raw {@code r || s}, each half {@code half} bytes; refuses anything but one strict SEQUENCE. */
  public static byte[] derToRaw(byte[] der, int half) throws SignatureException {
    int[] pos = {0};
    expect(der, pos, 0x30);
    int seqLen = length(der, pos);
    if (pos[0] + seqLen != der.length) {
      throw new SignatureException("DER signature has " + (der.length - pos[0] - seqLen) + " stray bytes");
    }
    byte[] out = new byte[2 * half];
    integer(der, pos, out, 0, half);
    integer(der, pos, out, half, half);
    if (pos[0] != der.length) {
      throw new SignatureException("DER signature SEQUENCE holds more than r and s");
    }
    return out;
  }

  /** Raw {@code r || s} (even length) to DER. */
  public static byte[] rawToDer(byte[] raw) throws SignatureException {
    if (raw.length == 0 || raw.length % 2 != 0 || raw.length > 240) {
      throw new SignatureException("raw ECDSA signature of " + raw.length + " bytes is not r || s");
    }
    int half = raw.length / 2;
    byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, half)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length)).toByteArray();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeTlv(body, 0x02, r);
    writeTlv(body, 0x02, s);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTlv(out, 0x30, body.toByteArray());
    return out.toByteArray();
  }

  private static void integer(byte[] der, int[] pos, byte[] out, int off, int half) throws SignatureException {
    expect(der, pos, 0x02);
    int len = length(der, pos);
    if (len == 0 || pos[0] + len > der.length) {
      throw new SignatureException("DER INTEGER of " + len + " bytes is truncated or empty");
    }
    BigInteger v = new BigInteger(Arrays.copyOfRange(der, pos[0], pos[0] + len));
    pos[0] += len;
    if (v.signum() <= 0 || v.bitLength() > half * 8) {
      throw new SignatureException("DER INTEGER is not a positive " + half + "-byte value");
    }
    byte[] mag = v.toByteArray();
    int skip = mag.length > half ? mag.length - half : 0;
    System.arraycopy(mag, skip, out, off + half - (mag.length - skip), mag.length - skip);
  }

  private static void expect(byte[] der, int[] pos, int tag) throws SignatureException {
    if (pos[0] >= der.length || (der[pos[0]] & 0xff) != tag) {
      throw new SignatureException("DER signature: expected tag 0x" + Integer.toHexString(tag) + " at byte " + pos[0]);
    }
    pos[0]++;
  }

  private static int length(byte[] der, int[] pos) throws SignatureException {
    if (pos[0] >= der.length) {
      throw new SignatureException("DER signature truncated in a length");
    }
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    if (first != 0x81 || pos[0] >= der.length) {
      throw new SignatureException("DER signature length form 0x" + Integer.toHexString(first) + " is not allowed");
    }
    return der[pos[0]++] & 0xff;
  }

  private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] value) {
    out.write(tag);
    if (value.length >= 0x80) {
      out.write(0x81);
    }
    out.write(value.length);
    out.write(value, 0, value.length);
  }
}
