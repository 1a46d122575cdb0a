package org.openstc.stc;

import java.security.GeneralSecurityException;
import org.openstc.noise.CipherState;
import org.openstc.stc.wire.Wire;

/**
 * The cryptographic transform of one record (docs/protocol.md, "Record protection"). The AEAD nonce
 * is the record's sequence number. Encrypted mode: AD = the 13 bytes of frame and record header,
 * body = ciphertext || tag. Integrity-only mode: AD = header || payload, body = payload || tag (the
 * tag of an empty plaintext).
 */
final class Records {
  static final int HEADER = Wire.FRAME_HEADER + Wire.RECORD_HEADER;

  private Records() {}

  static void writeRecordHeader(int flags, long seq, byte[] out, int off) {
    out[off] = (byte) flags;
    for (int i = 0; i < 8; i++) {
      out[off + 1 + i] = (byte) (seq >>> (56 - 8 * i));
    }
  }

  static long readSequence(byte[] buf, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | (buf[off + i] & 0xff);
    }
    return v;
  }

  /** Writes the protected body after the header that is already at {@code out[frameOff]}. */
  static void seal(CipherState key, long seq, boolean integrityOnly, byte[] in, int off, int len,
      byte[] out, int frameOff) throws StcException {
    try {
      if (integrityOnly) {
        System.arraycopy(in, off, out, frameOff + HEADER, len);
        key.encryptWithNonce(seq, out, frameOff, HEADER + len, in, off, 0, out,
            frameOff + HEADER + len);
      } else {
        key.encryptWithNonce(seq, out, frameOff, HEADER, in, off, len, out, frameOff + HEADER);
      }
    } catch (GeneralSecurityException e) {
      throw new StcException(StcError.CKR_STC_NO_SESSION_KEY, "record protection failed", e);
    }
  }

  /** Payload bytes carried by a record body of {@code bodyLength} bytes. */
  static int payloadLength(int bodyLength) {
    return bodyLength - Wire.RECORD_HEADER - 16;
  }

  /**
   * Verifies the record body of the frame at {@code buf[frameOff]} ({@code bodyLength} bytes) and
   * writes the payload to {@code out[outOff]}; any failure is the one
   * {@code CKR_STC_RESPONSE_BAD_MAC}, and {@code out} then holds nothing usable.
   */
  static void open(CipherState key, long seq, boolean integrityOnly, byte[] buf, int frameOff,
      int bodyLength, byte[] out, int outOff) throws StcException {
    int payloadLength = payloadLength(bodyLength);
    try {
      if (integrityOnly) {
        key.decryptWithNonce(seq, buf, frameOff, HEADER + payloadLength, buf,
            frameOff + HEADER + payloadLength, 16, out, outOff);
        System.arraycopy(buf, frameOff + HEADER, out, outOff, payloadLength);
      } else {
        key.decryptWithNonce(seq, buf, frameOff, HEADER, buf, frameOff + HEADER,
            payloadLength + 16, out, outOff);
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw StcException.badMac();
    }
  }
}
