package org.openstc.stc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.stc.HandshakeTest.assertError;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * Several messages per DATA record (docs/protocol.md 24a): the flag is refused until the receiver
 * agreed, a packed record opens into its messages in order, a lone message stays one plain record,
 * and every malformed batch is CKR_STC_FRAME_INVALID.
 */
class SeveralPerRecordTest {

  private static StcChannel[] channel() throws Exception {
    return new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults()).connect();
  }

  private static byte[] sealSeveral(StcChannel ch, byte[] payload) throws StcException {
    byte[] out = new byte[StcChannel.sealedLength(payload.length)];
    ch.sealSeveral(payload, 0, payload.length, out, 0);
    return out;
  }

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  @Test
  void aPackedRecordIsRefusedUntilTheReceiverAgreed() throws Exception {
    StcChannel[] ch = channel();
    byte[] packed = sealSeveral(ch[0], MessageBatch.encode(List.of(bytes(1), bytes(2))));
    assertError(StcError.CKR_STC_FRAME_INVALID, () -> ch[1].open(packed));
    assertEquals(0, ch[1].recordsReceived(), "the refused record changed nothing");
    ch[1].acceptSeveralPerRecord();
    InboundRecord r = ch[1].open(packed);
    assertTrue(r.several());
    List<byte[]> messages = MessageBatch.split(r.payload());
    assertArrayEquals(bytes(1), messages.get(0));
    assertArrayEquals(bytes(2), messages.get(1));
  }

  @Test
  void theFlagOnCloseIsRefusedEvenWhenAgreed() throws Exception {
    StcChannel[] ch = channel();
    ch[1].acceptSeveralPerRecord();
    byte[] close = ch[0].close();
    close[Wire.FRAME_HEADER] |= Wire.FLAG_SEVERAL;
    // The flag is checked before the tag, so the edit is seen as a malformed frame.
    assertError(StcError.CKR_STC_FRAME_INVALID, () -> ch[1].open(close));
  }

  @Test
  void malformedBatchesAreFrameInvalid() throws Exception {
    byte[][] bad = {
        {},                                // no message
        bytes(0, 0, 1),                    // length prefix truncated
        bytes(0, 0, 0, 0),                 // zero-length message
        bytes(0, 0, 0, 3, 1, 2),           // length runs past the record
        bytes(0, 0, 0, 1, 7, 0, 0),        // second prefix truncated
        bytes(0xff, 0xff, 0xff, 0xff, 1),  // length far past the record
    };
    for (byte[] b : bad) {
      assertError(StcError.CKR_STC_FRAME_INVALID, () -> MessageBatch.split(b));
    }
    List<byte[]> many = new ArrayList<>();
    for (int i = 0; i <= MessageBatch.MAX_MESSAGES; i++) {
      many.add(bytes(i));
    }
    byte[] tooMany = new byte[MessageBatch.sizeOf(1) * many.size()];
    int off = 0;
    for (byte[] m : many) {
      off = MessageBatch.put(m, tooMany, off);
    }
    assertError(StcError.CKR_STC_FRAME_INVALID, () -> MessageBatch.split(tooMany));
    assertEquals(MessageBatch.MAX_MESSAGES,
        assertSplits(MessageBatch.encode(many.subList(0, MessageBatch.MAX_MESSAGES))));
  }

  private static int assertSplits(byte[] payload) throws StcException {
    return MessageBatch.split(payload).size();
  }

  @Test
  void aLoneMessageIsOnePlainRecordAndQueuedOnesShareOne() throws Exception {
    StcChannel[] ch = channel();
    ch[1].acceptSeveralPerRecord();
    RecordPacker packer = new RecordPacker(ch[0], 16 * 1024);
    packer.packSeveral();
    Queue<byte[]> queue = new ArrayDeque<>(List.of(bytes(9, 9)));
    byte[] out = new byte[packer.take(queue)];
    packer.seal(out, 0);
    assertEquals(StcChannel.sealedLength(2), out.length, "no length prefix on a lone message");
    InboundRecord lone = ch[1].open(Frame.decode(out));
    assertFalse(lone.several(), "a lone message carries no flag");
    assertArrayEquals(bytes(9, 9), lone.payload());

    queue.addAll(List.of(bytes(1), bytes(2, 2), new byte[0], bytes(3)));
    List<byte[]> got = new ArrayList<>();
    int records = 0;
    int len;
    while ((len = packer.take(queue)) > 0) {
      byte[] f = new byte[len];
      packer.seal(f, 0);
      records++;
      InboundRecord r = ch[1].open(Frame.decode(f));
      got.addAll(r.several() ? MessageBatch.split(r.payload()) : List.of(r.payload()));
    }
    assertEquals(3, records, "1+2 packed, the empty message alone, 3 alone");
    assertEquals(List.of("01", "0202", "", "03"), got.stream().map(SeveralPerRecordTest::hex).toList());
  }

  @Test
  void withoutAgreementThePackerSealsOneMessagePerRecord() throws Exception {
    StcChannel[] ch = channel();
    RecordPacker packer = new RecordPacker(ch[0], 16 * 1024);
    Queue<byte[]> queue = new ArrayDeque<>(List.of(bytes(1), bytes(2), bytes(3)));
    int records = 0;
    int len;
    while ((len = packer.take(queue)) > 0) {
      byte[] f = new byte[len];
      packer.seal(f, 0);
      assertFalse(ch[1].open(Frame.decode(f)).several());
      records++;
    }
    assertEquals(3, records);
  }

  static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x));
    }
    return s.toString();
  }

  @Test
  void theFrameTypeStaysData() throws Exception {
    StcChannel[] ch = channel();
    byte[] f = sealSeveral(ch[0], MessageBatch.encode(List.of(bytes(5))));
    assertEquals(FrameType.DATA.code(), f[0] & 0xff);
    assertEquals(Wire.FLAG_SEVERAL, f[Wire.FRAME_HEADER] & Wire.FLAG_SEVERAL);
  }
}
