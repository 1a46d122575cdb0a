package org.openstc.stc.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.io.internal.FrameReader;
import org.openstc.stc.properties.Conversations.Reference;
import org.openstc.stc.wire.Frame;

/**
 * {@link FrameReader} over a stream that hands out at most {@code k} bytes per read decodes every
 * frame of a conversation exactly as {@link Frame#decode(byte[])} does, whatever {@code k}; a
 * stream that ends inside a frame is {@code CKR_STC_FRAME_INVALID}.
 */
class FrameSplitPropertiesTest {

  /** Returns at most {@code k} bytes per read (and sometimes fewer, as a socket may). */
  static final class Trickle extends InputStream {
    private final byte[] data;
    private final int k;
    private int pos;

    Trickle(byte[] data, int k) {
      this.data = data;
      this.k = k;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, k), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  private static List<byte[]> frames(Suite suite, boolean retry) {
    Reference ref = Conversations.reference(CryptoProviders.jca(), suite, retry);
    return ref.steps().stream().map(s -> s.frame).toList();
  }

  private static byte[] concat(List<byte[]> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frames.forEach(out::writeBytes);
    return out.toByteArray();
  }

  @Test
  void aConversationReadInChunksOfAnySizeDecodesIdentically() {
    qt().withExamples(120).forAll(arbitrary().pick(List.of(Suite.X25519_AESGCM_SHA256,
        Suite.P256_CHACHAPOLY_SHA512, Suite.P521_AESGCM_SHA512)), booleans().all(),
        integers().between(1, 700)).checkAssert((suite, retry, k) -> {
          List<byte[]> frames = frames(suite, retry);
          FrameReader reader = new FrameReader(new Trickle(concat(frames), k));
          try {
            for (byte[] expected : frames) {
              Frame got = reader.read();
              Frame want = Frame.decode(expected);
              assertEquals(want.type(), got.type());
              assertArrayEquals(want.body(), got.body());
              assertArrayEquals(expected, Arrays.copyOfRange(got.array(), got.frameOffset(),
                  got.frameOffset() + got.frameLength()));
            }
            assertNull(reader.read(), "clean end of stream");
          } catch (IOException | StcException e) {
            throw new AssertionError("chunk size " + k, e);
          }
        });
  }

  /** Every frame split into two reads at every byte boundary. */
  @Test
  void everyFrameSplitAtEveryByteBoundaryDecodesIdentically() throws Exception {
    int splits = 0;
    for (byte[] frame : frames(Suite.X25519_CHACHAPOLY_SHA256, true)) {
      for (int cut = 1; cut < frame.length; cut++) {
        byte[] head = Arrays.copyOf(frame, cut);
        byte[] tail = Arrays.copyOfRange(frame, cut, frame.length);
        FrameReader reader = new FrameReader(new TwoReads(head, tail));
        Frame got = reader.read();
        assertArrayEquals(Frame.decode(frame).body(), got.body(), "cut at " + cut);
        assertEquals(Frame.decode(frame).type(), got.type());
        assertNull(reader.read());
        splits++;
      }
    }
    assertEquals(frames(Suite.X25519_CHACHAPOLY_SHA256, true).stream()
        .mapToInt(f -> f.length - 1).sum(), splits);
  }

  /** Hands out {@code head}, then {@code tail}, each in one read at most. */
  private static final class TwoReads extends InputStream {
    private final byte[][] parts;
    private int part;
    private int pos;

    TwoReads(byte[] head, byte[] tail) {
      this.parts = new byte[][] {head, tail};
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      while (part < 2 && pos == parts[part].length) {
        part++;
        pos = 0;
      }
      if (part == 2) {
        return -1;
      }
      int n = Math.min(len, parts[part].length - pos);
      System.arraycopy(parts[part], pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** A stream cut anywhere inside a frame (not between frames) is FRAME_INVALID. */
  @Test
  void aStreamEndingInsideAFrameIsRefused() {
    List<byte[]> frames = frames(Suite.X25519_AESGCM_SHA256, false);
    byte[] all = concat(frames);
    qt().withExamples(100).forAll(integers().between(1, all.length - 1), integers().between(1, 64))
        .assuming((cut, k) -> !isBoundary(frames, cut)).checkAssert((cut, k) -> {
          FrameReader reader = new FrameReader(new Trickle(Arrays.copyOf(all, cut), k));
          StcException e = assertThrows(StcException.class, () -> {
            while (reader.read() != null) {
              // consume whole frames until the cut
            }
          });
          assertEquals(StcError.CKR_STC_FRAME_INVALID, e.error());
        });
  }

  private static boolean isBoundary(List<byte[]> frames, int cut) {
    int at = 0;
    for (byte[] f : frames) {
      at += f.length;
      if (at == cut) {
        return true;
      }
    }
    return false;
  }
}
