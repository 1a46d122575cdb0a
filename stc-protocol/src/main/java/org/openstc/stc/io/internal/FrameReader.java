package org.openstc.stc.io.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * Reads whole frames from a blocking stream. The header is checked before the body is read, so a
 * peer cannot make us allocate more than {@link Wire#MAX_FRAME} bytes.
 *
 * <p>Internal: not API; may change without notice.
 */
public final class FrameReader {
  private final InputStream in;

  public FrameReader(InputStream in) {
    this.in = in;
  }

  /** The next frame, or {@code null} at a clean end of stream (between frames). */
  public Frame read() throws IOException, StcException {
    byte[] header = new byte[Wire.FRAME_HEADER];
    int n = in.readNBytes(header, 0, header.length);
    if (n == 0) {
      return null;
    }
    if (n < header.length) {
      throw new StcException(StcError.CKR_STC_FRAME_INVALID, "stream ended inside a frame header");
    }
    int bodyLength = (header[1] & 0xff) << 16 | (header[2] & 0xff) << 8 | header[3] & 0xff;
    FrameType type = Frame.checkHeader(header[0], bodyLength);
    byte[] frame = new byte[Wire.FRAME_HEADER + bodyLength];
    System.arraycopy(header, 0, frame, 0, header.length);
    if (in.readNBytes(frame, Wire.FRAME_HEADER, bodyLength) < bodyLength) {
      throw new StcException(StcError.CKR_STC_FRAME_INVALID, "stream ended inside a " + type
          + " frame");
    }
    return Frame.decode(frame);
  }

  /** Like {@link #read()} but an end of stream is an error. */
  public Frame readRequired(String expecting) throws IOException, StcException {
    Frame f = read();
    if (f == null) {
      throw new EOFException("connection closed while waiting for " + expecting);
    }
    return f;
  }
}
