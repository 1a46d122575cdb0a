package org.openstc.partition.host;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.openstc.stc.wire.Frame;

/** Reads whole STC frames from a socket's stream, for tests that watch the bytes. */
final class RawFrames {
  private RawFrames() {}

  /** The next frame's bytes (header included); EOFException when the host closed. */
  static byte[] read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    byte[] out = new byte[4];
    in.readFully(out);
    int len = ((out[1] & 0xff) << 16) | ((out[2] & 0xff) << 8) | (out[3] & 0xff);
    out = java.util.Arrays.copyOf(out, 4 + len);
    in.readFully(out, 4, len);
    return out;
  }

  static Frame readFrame(InputStream stream) throws Exception {
    return Frame.decode(read(stream));
  }
}
