package org.openstc.stc.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.MessageBatch;
import org.openstc.stc.RecordPacker;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.vectors.Session;
import org.openstc.stc.vectors.Session.Dir;
import org.openstc.stc.wire.Frame;

/**
 * Several messages per record (docs/protocol.md 24a): whatever the messages, the batch size and
 * the moments the sender flushes, the receiver gets every message once, in order; a batch of
 * 1..64 non-empty messages splits back into itself.
 */
class SeveralPerRecordPropertiesTest {

  @Test
  void anyBatchOfNonEmptyMessagesSplitsBackIntoItself() {
    qt().withExamples(300).forAll(integers().between(1, MessageBatch.MAX_MESSAGES), longs().all())
        .checkAssert((count, seed) -> {
          Random rnd = new Random(seed);
          List<byte[]> messages = messages(rnd, count, 1);
          try {
            assertEquals(hex(messages), hex(MessageBatch.split(MessageBatch.encode(messages))),
                "seed " + seed);
          } catch (StcException e) {
            throw new AssertionError("seed " + seed, e);
          }
        });
  }

  /**
   * Messages arrive in random groups; after each group the sender seals all that is queued with a
   * random batch size; the receiver splits every record it opens. Same messages, same order, and
   * no record carries more than 64 messages or more payload than the batch size.
   */
  @Test
  void anyFlushPatternDeliversEveryMessageOnceInOrder() {
    qt().withExamples(60).forAll(integers().between(1, 400), integers().between(16, 4096),
        longs().all()).checkAssert((count, batchBytes, seed) -> {
          Random rnd = new Random(seed);
          Session s = RecordPropertiesTest.session(CryptoProviders.jca(),
              Suite.X25519_AESGCM_SHA256, ChannelPolicy.defaults());
          StcChannel sender = s.sender(Dir.C2P);
          StcChannel receiver = s.receiver(Dir.C2P);
          receiver.acceptSeveralPerRecord();
          RecordPacker packer = new RecordPacker(sender, batchBytes);
          packer.packSeveral();
          List<byte[]> sent = messages(rnd, count, 0);
          List<byte[]> got = new ArrayList<>();
          Queue<byte[]> queue = new ArrayDeque<>();
          try {
            int next = 0;
            while (next < sent.size()) {
              for (int k = 1 + rnd.nextInt(80); k > 0 && next < sent.size(); k--) {
                queue.add(sent.get(next++));
              }
              int len;
              while ((len = packer.take(queue)) > 0) {
                byte[] frame = new byte[len];
                assertEquals(len, packer.seal(frame, 0));
                InboundRecord r = receiver.open(Frame.decode(frame));
                if (r.several()) {
                  List<byte[]> split = MessageBatch.split(r.payload());
                  assertTrue(split.size() > 1 && r.payload().length <= batchBytes, "seed " + seed);
                  got.addAll(split);
                } else {
                  got.add(r.payload());
                }
              }
            }
          } catch (StcException e) {
            throw new AssertionError("seed " + seed, e);
          }
          assertEquals(hex(sent), hex(got), "seed " + seed);
        });
  }

  /** {@code count} messages of {@code min}..300 bytes (some large, to exceed small batches). */
  private static List<byte[]> messages(Random rnd, int count, int min) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] m = new byte[min + rnd.nextInt(rnd.nextInt(10) == 0 ? 5000 : 300)];
      rnd.nextBytes(m);
      out.add(m);
    }
    return out;
  }

  private static List<String> hex(List<byte[]> messages) {
    return messages.stream().map(HexFormat.of()::formatHex).toList();
  }
}
