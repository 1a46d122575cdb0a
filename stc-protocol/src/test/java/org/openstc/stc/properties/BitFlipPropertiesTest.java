package org.openstc.stc.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.properties.Conversations.Reference;
import org.openstc.stc.properties.FlipOracle.Context;
import org.openstc.stc.properties.FlipOracle.Expectation;
import org.openstc.stc.properties.FlipOracle.Receiver;
import org.openstc.stc.vectors.Session;
import org.openstc.stc.vectors.Step;
import org.openstc.stc.wire.Wire;
import org.quicktheories.core.Gen;

/**
 * One flipped bit anywhere in any frame is refused by its receiver with the code
 * {@link FlipOracle} derives from docs/protocol.md; a refused record leaves the channel able to
 * accept the genuine one. The keys are the fixed ones of the vectors, so every example (and every
 * shrink) is reproducible.
 */
class BitFlipPropertiesTest {
  private static final List<CryptoProvider> PROVIDERS = CryptoProviders.all();

  private static List<Suite> suites(KeyType... types) {
    List<Suite> out = new ArrayList<>();
    for (Suite s : Suite.values()) {
      if (List.of(types).contains(s.keyType())) {
        out.add(s);
      }
    }
    return out;
  }

  @Test
  void aFlippedBitInAnyFrameIsRefusedWithTheDocumentedCode() {
    qt().withExamples(160).withShrinkCycles(200)
        .forAll(arbitrary().pick(PROVIDERS), arbitrary().pick(suites(KeyType.X25519, KeyType.P256)),
            integers().between(0, 17), bits())
        .checkAssert(BitFlipPropertiesTest::flipIsRefused);
  }

  /** Any bit, with a third of the examples in the first 32 bytes (headers and prologue). */
  private static Gen<Integer> bits() {
    return integers().between(0, 1 << 20).mix(integers().between(0, 255), 35);
  }

  @Test
  void aFlippedBitInAnyP521FrameIsRefusedWithTheDocumentedCode() {
    qt().withExamples(10).withShrinkCycles(30)
        .forAll(arbitrary().pick(PROVIDERS), arbitrary().pick(suites(KeyType.P521)),
            integers().between(0, 17), bits())
        .checkAssert(BitFlipPropertiesTest::flipIsRefused);
  }

  /**
   * {@code frameChoice} 0..8 picks a frame of the conversation without RETRY, 9..17 one of the
   * conversation with RETRY; {@code bitChoice} picks a bit of that frame.
   */
  private static void flipIsRefused(CryptoProvider provider, Suite suite, int frameChoice,
      int bitChoice) {
    Reference ref = Conversations.reference(provider, suite, frameChoice >= 9);
    int i = frameChoice % 9 % ref.steps().size();
    byte[] genuine = ref.steps().get(i).frame;
    int bit = bitChoice % (genuine.length * 8);
    int index = bit / 8;
    int mask = 1 << (bit % 8);
    Context ctx = ref.contexts().get(i);
    Expectation exp = FlipOracle.expected(ctx, genuine, index, mask);
    String where = provider.name() + " " + suite + " frame " + i + " (" + ctx.type() + ") byte "
        + index + " mask 0x" + Integer.toHexString(mask) + " [" + exp.region() + "]";
    try {
      Session session = Conversations.upTo(provider, ref, i);
      assertArrayEquals(genuine, Conversations.produce(session, ref, i), where);
      byte[] flipped = genuine.clone();
      flipped[index] ^= (byte) mask;
      Step step = ref.steps().get(i);
      if (exp.codes().isEmpty()) {
        session.deliver(step.dir, flipped);
        assertArrayEquals(ref.steps().get(i + 1).frame,
            session.nextHandshakeFrame(ref.steps().get(i + 1).dir), where + ": reply changed");
        return;
      }
      StcException e = assertThrows(StcException.class, () -> session.deliver(step.dir, flipped),
          where + ": accepted");
      assertTrue(exp.codes().contains(e.error()), where + ": expected " + exp.codes() + ", got "
          + e.getMessage());
      if (ctx.receiver() == Receiver.CHANNEL) {
        Optional<InboundRecord> r = session.deliver(step.dir, genuine);
        assertArrayEquals(step.type == org.openstc.stc.wire.FrameType.DATA ? step.payload
            : new byte[0], r.orElseThrow().payload(), where + ": genuine record after the flip");
      }
    } catch (Exception e) {
      throw new AssertionError(where, e);
    }
  }

  /**
   * Records can be flipped exhaustively: a refused record changes no state, so one channel serves
   * every bit of DATA (non-empty and empty) and CLOSE, both directions, both modes.
   */
  @Test
  void everyBitOfEveryRecordIsRefusedAndChangesNothing() throws Exception {
    int flips = 0;
    for (CryptoProvider provider : PROVIDERS) {
      for (Suite suite : List.of(Suite.X25519_AESGCM_SHA256, Suite.X25519_CHACHAPOLY_SHA512,
          Suite.P256_CHACHAPOLY_SHA256)) {
        for (boolean integrityOnly : new boolean[] {false, true}) {
          flips += everyRecordBit(provider, suite, integrityOnly);
        }
      }
    }
    assertEquals(PROVIDERS.size() * 3 * 2 * 8 * (3 * 13 + 5 + 3 * 16), flips);
  }

  /**
   * One channel takes every forgery of all three records (so several forged key-phase flips hit
   * one receiving key, see ForgedKeyPhaseTest), and still accepts each genuine record.
   */
  private static int everyRecordBit(CryptoProvider provider, Suite suite, boolean integrityOnly)
      throws Exception {
    int flips = 0;
    byte[][] payloads = {{9, 8, 7, 6, 5}, {}, null};
    Session.Dir[] dirs = {Session.Dir.C2P, Session.Dir.P2C, Session.Dir.C2P};
    Session s = Session.start(org.openstc.stc.vectors.Setup.of(org.openstc.stc.ChannelPolicy
        .builder().integrityOnly(integrityOnly).build(), suite), provider).activate();
    for (int r = 0; r < 3; r++) {
      byte[] genuine = payloads[r] == null ? s.close(dirs[r]) : s.seal(dirs[r], payloads[r]);
      Context ctx = new Context(org.openstc.stc.wire.FrameType.fromCode(genuine[0]).orElseThrow(),
          Receiver.CHANNEL, suite.keyType(), List.of(suite), null, false, false);
      for (int bit = 0; bit < genuine.length * 8; bit++) {
        byte[] flipped = genuine.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        Expectation exp = FlipOracle.expected(ctx, genuine, bit / 8, 1 << (bit % 8));
        Session.Dir dir = dirs[r];
        StcException e = assertThrows(StcException.class, () -> s.deliver(dir, flipped));
        assertTrue(exp.codes().contains(e.error()), provider.name() + " " + suite + " record "
            + r + " bit " + bit + " [" + exp.region() + "]: " + e.getMessage());
        flips++;
      }
      InboundRecord got = s.deliver(dirs[r], genuine).orElseThrow();
      assertArrayEquals(payloads[r] == null ? new byte[0] : payloads[r], got.payload());
      assertEquals(payloads[r] == null, got.isClose());
    }
    return flips;
  }

  /** The oracle's count rule assumes the 25519 ephemeral key does not start with a suite code. */
  @Test
  void fixedEphemeralKeyDoesNotStartWithASuiteCode() {
    Reference ref = Conversations.reference(CryptoProviders.jca(), Suite.X25519_AESGCM_SHA256,
        false);
    byte[] open = ref.steps().get(0).frame;
    int at = Wire.FRAME_HEADER + 17 + 2 * ref.setup().offer().size();
    int code = (open[at] & 0xff) << 8 | open[at + 1] & 0xff;
    assertTrue(Suite.fromCode(code).isEmpty(), HexFormat.of().toHexDigits((short) code));
  }
}
