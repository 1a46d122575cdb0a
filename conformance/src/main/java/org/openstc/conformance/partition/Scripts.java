package org.openstc.conformance.partition;

import java.io.IOException;
import org.openstc.conformance.Outcome;
import org.openstc.conformance.Unsupported;
import org.openstc.conformance.partition.PartitionTarget.Partition;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/** Building blocks of the scripted conversations with a partition host. */
final class Scripts {
  private Scripts() {}

  /** Sends {@code chunks} on a fresh connection and reports how the host refuses them. */
  static Outcome refusal(PartitionTarget t, byte[]... chunks) throws IOException {
    try (RawConnection c = t.connect()) {
      c.send(chunks);
      return c.awaitRefusal(null);
    }
  }

  /** A valid OPEN frame from the registered client of {@code p}, default offer. */
  static byte[] open(PartitionTarget t, Partition p) throws Unsupported, StcException {
    return t.handshake(p).start();
  }

  /** Length of the prologue at the start of the OPEN frame's body. */
  static int prologueLength(byte[] openFrame) {
    return 17 + 2 * (openFrame[Wire.FRAME_HEADER + 16] & 0xff);
  }

  /** Offset in the OPEN frame of the first offered suite code. */
  static int offeredOffset() {
    return Wire.FRAME_HEADER + 17;
  }

  /** A frame of {@code type} with a body of {@code length} bytes of {@code fill}. */
  static byte[] frame(int type, int length, int fill) {
    byte[] f = new byte[Wire.FRAME_HEADER + length];
    f[0] = (byte) type;
    f[1] = (byte) (length >>> 16);
    f[2] = (byte) (length >>> 8);
    f[3] = (byte) length;
    java.util.Arrays.fill(f, Wire.FRAME_HEADER, f.length, (byte) fill);
    return f;
  }

  /** A record frame (DATA, CLOSE) with a plausible header and sequence number 1 but no valid tag. */
  static byte[] fakeRecord(FrameType type) {
    int body = Wire.RECORD_HEADER + 16;
    byte[] f = frame(type.code(), body, 0x5a);
    f[Wire.FRAME_HEADER] = 0;
    for (int i = 1; i < 8; i++) {
      f[Wire.FRAME_HEADER + i] = 0;
    }
    f[Wire.FRAME_HEADER + 8] = 1;
    return f;
  }

  /** A connection whose handshake got as far as OPEN_RESPONSE; ACTIVATE is ready but unsent. */
  record AfterOpen(RawConnection connection, ClientHandshake handshake, byte[] activate) {}

  static AfterOpen afterOpen(PartitionTarget t, Partition p) throws Exception {
    ClientHandshake hs = t.handshake(p);
    RawConnection c = t.connect();
    try {
      c.send(hs.start());
      Frame f = c.read();
      if (f == null || f.type() != FrameType.OPEN_RESPONSE) {
        throw new IllegalStateException("a well-formed OPEN got " + (f == null ? "end of stream"
            : f.type() == FrameType.REJECT ? "REJECT " + org.openstc.stc.internal.Alerts.toException(
                f.body()).error() : f.type()) + " instead of OPEN_RESPONSE");
      }
      return new AfterOpen(c, hs, hs.onFrame(f));
    } catch (Exception e) {
      c.close();
      throw e;
    }
  }

  /** Runs a full handshake and one echo: SUCCESS, or the code the host refused with. */
  static Outcome handshakeAndEcho(PartitionTarget t, ClientHandshake hs) throws IOException {
    try (ActiveChannel ch = t.activate(hs)) {
      String problem = ch.echoMany(2);
      return problem == null ? Outcome.success(ch.channel().info().suite().noiseName())
          : Outcome.unexpected(problem);
    } catch (StcException e) {
      return Outcome.error(e.error(), e.getMessage());
    }
  }

  /** Flips bit {@code bit} of byte {@code index} in a copy of {@code bytes}. */
  static byte[] flip(byte[] bytes, int index, int bit) {
    byte[] out = bytes.clone();
    out[index] ^= (byte) (1 << bit);
    return out;
  }
}
