package org.openstc.stc.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.vectors.Session;
import org.openstc.stc.vectors.Session.Dir;
import org.openstc.stc.vectors.Setup;
import org.quicktheories.core.Gen;

/**
 * Replay window and key phases (docs/protocol.md sections 14-16): replays are refused, any order
 * inside the window is accepted exactly once per record, refusals do not break the channel.
 */
class RecordPropertiesTest {
  private static final Gen<CryptoProvider> PROVIDERS = arbitrary().pick(CryptoProviders.all());
  /** The cheap suites: all X25519 and P-256 ones (P-521 handshakes are slow). */
  static final Gen<Suite> SUITES = arbitrary().pick(suites(KeyType.X25519, KeyType.P256));

  static List<Suite> suites(KeyType... types) {
    List<Suite> out = new ArrayList<>();
    for (Suite s : Suite.values()) {
      if (List.of(types).contains(s.keyType())) {
        out.add(s);
      }
    }
    return out;
  }

  static Session session(CryptoProvider provider, Suite suite, ChannelPolicy policy) {
    try {
      return Session.start(Setup.of(policy, suite), provider).activate();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static byte[] payload(int i) {
    return new byte[] {(byte) i, (byte) (i >>> 8), 42};
  }

  /**
   * Replaying record {@code k} after {@code n} were accepted: REPLAYED, also below the window; with
   * a rekey threshold a record two or more key phases old carries the current phase bit and fails
   * its tag instead (section 16, "Stragglers"): BAD_MAC. The channel keeps working.
   */
  @Test
  void replayOfAnyEarlierRecordIsRefused() {
    qt().withExamples(60).forAll(PROVIDERS, SUITES, integers().between(1, 300),
        integers().between(0, 6)).checkAssert((provider, suite, n, threshold) -> {
          Session s = session(provider, suite, threshold == 0 ? ChannelPolicy.defaults()
              : ChannelPolicy.builder().rekeyThresholdRecords(threshold).build());
          List<byte[]> sent = new ArrayList<>();
          try {
            for (int i = 0; i < n; i++) {
              sent.add(s.seal(Dir.C2P, payload(i)));
              s.deliver(Dir.C2P, sent.get(i));
            }
            for (int k = 0; k < n; k += Math.max(1, n / 7)) {
              byte[] again = sent.get(k);
              long age = threshold == 0 ? 0 : (n - 1) / threshold - k / threshold;
              StcError expected = age >= 2 ? StcError.CKR_STC_RESPONSE_BAD_MAC
                  : StcError.CKR_STC_RESPONSE_REPLAYED;
              StcException e = assertThrows(StcException.class, () -> s.deliver(Dir.C2P, again));
              assertEquals(expected, e.error(), "record " + (k + 1) + " of " + n);
            }
            assertArrayEquals(payload(n), s.deliver(Dir.C2P, s.seal(Dir.C2P, payload(n)))
                .orElseThrow().payload());
            assertEquals(n + 1L, s.receiver(Dir.C2P).recordsReceived());
          } catch (StcException e) {
            throw new AssertionError(e);
          }
        });
  }

  /**
   * {@code n} records (at most the window) delivered in a seeded random order, each followed with
   * some probability by a duplicate of an already delivered one: every record is delivered once
   * with its payload, every duplicate is REPLAYED, and nothing else fails. With a rekey threshold
   * of at least n/2 the batch spans at most one key update, which stragglers survive.
   */
  @Test
  void anyOrderInsideTheWindowIsAcceptedExactlyOncePerRecord() {
    qt().withExamples(60).forAll(PROVIDERS, SUITES, integers().between(1, 120), longs().all())
        .checkAssert((provider, suite, n, seed) -> {
          Random rnd = new Random(seed);
          boolean rekey = rnd.nextBoolean();
          ChannelPolicy policy = rekey ? ChannelPolicy.builder()
              .rekeyThresholdRecords(Math.max(1, (n + 1) / 2)).build() : ChannelPolicy.defaults();
          Session s = session(provider, suite, policy);
          try {
            List<byte[]> sent = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) {
              sent.add(s.seal(Dir.P2C, payload(i)));
              order.add(i);
            }
            Collections.shuffle(order, rnd);
            List<Integer> delivered = new ArrayList<>();
            for (int i : order) {
              assertArrayEquals(payload(i), s.deliver(Dir.P2C, sent.get(i)).orElseThrow()
                  .payload(), "seed " + seed + ": record " + (i + 1));
              delivered.add(i);
              if (rnd.nextInt(3) == 0) {
                byte[] dup = sent.get(delivered.get(rnd.nextInt(delivered.size())));
                StcException e = assertThrows(StcException.class, () -> s.deliver(Dir.P2C, dup));
                assertEquals(StcError.CKR_STC_RESPONSE_REPLAYED, e.error(), "seed " + seed);
              }
            }
            assertEquals((long) n, s.receiver(Dir.P2C).recordsReceived(), "seed " + seed);
            assertEquals(rekey && n > (n + 1) / 2 ? 1L : 0L, s.receiver(Dir.P2C).keyUpdates()[1]);
          } catch (StcException e) {
            throw new AssertionError("seed " + seed, e);
          }
        });
  }

  /** One step of a conversation: direction, payload size, and whether its sender forces a rekey. */
  record Op(Dir dir, int size, boolean forceRekey) {
    static Gen<Op> gen(int maxSize) {
      return integers().between(0, maxSize).zip(booleans().all(), integers().between(0, 9),
          (size, c2p, r) -> new Op(c2p ? Dir.C2P : Dir.P2C, size, r == 0));
    }
  }

  /**
   * Random conversations (payloads 0..4096 bytes, random directions, any cheap suite, both modes)
   * deliver every payload unchanged and end with CLOSE.
   */
  @Test
  void randomConversationsRoundTrip() {
    qt().withExamples(50).forAll(PROVIDERS, SUITES, booleans().all(),
        org.quicktheories.generators.SourceDSL.lists().of(Op.gen(4096)).ofSizeBetween(0, 24))
        .checkAssert((provider, suite, integrityOnly, ops) -> conversation(provider, suite,
            ChannelPolicy.builder().integrityOnly(integrityOnly).build(), ops));
  }

  @Test
  void randomP521ConversationsRoundTrip() {
    qt().withExamples(4).forAll(PROVIDERS, arbitrary().pick(suites(KeyType.P521)),
        booleans().all(),
        org.quicktheories.generators.SourceDSL.lists().of(Op.gen(4096)).ofSizeBetween(0, 12))
        .checkAssert((provider, suite, integrityOnly, ops) -> conversation(provider, suite,
            ChannelPolicy.builder().integrityOnly(integrityOnly).build(), ops));
  }

  private static void conversation(CryptoProvider provider, Suite suite, ChannelPolicy policy,
      List<Op> ops) {
    Session s = session(provider, suite, policy);
    Random content = new Random(ops.size());
    try {
      for (Op op : ops) {
        byte[] p = new byte[op.size()];
        content.nextBytes(p);
        byte[] frame = s.seal(op.dir(), p);
        if (policy.integrityOnly()) {
          assertArrayEquals(p, java.util.Arrays.copyOfRange(frame, 13, 13 + p.length));
        }
        assertArrayEquals(p, s.deliver(op.dir(), frame).orElseThrow().payload());
      }
      Dir closer = ops.isEmpty() ? Dir.C2P : ops.get(ops.size() - 1).dir();
      assertTrue(s.deliver(closer, s.close(closer)).orElseThrow().isClose());
      assertTrue(s.sender(closer).isClosed() && s.receiver(closer).isClosed());
    } catch (StcException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Small rekey thresholds and forced updates on either side: every record carries the key phase
   * a model of section 13/16 predicts, every payload arrives, and both sides count the same
   * updates per direction.
   */
  @Test
  void rekeyBoundariesAreCrossedInBothDirections() {
    qt().withExamples(60).forAll(PROVIDERS, SUITES, integers().between(0, 5),
        org.quicktheories.generators.SourceDSL.lists().of(Op.gen(64)).ofSizeBetween(1, 40))
        .checkAssert((provider, suite, threshold, ops) -> {
          Session s = session(provider, suite, threshold == 0 ? ChannelPolicy.builder()
              .rekeyThreshold(0).build() : ChannelPolicy.builder()
              .rekeyThresholdRecords(threshold).build());
          Model client = new Model(threshold);
          Model partition = new Model(threshold);
          try {
            for (Op op : ops) {
              Model sender = op.dir() == Dir.C2P ? client : partition;
              Model receiver = op.dir() == Dir.C2P ? partition : client;
              if (op.forceRekey()) {
                s.rekeyNow(op.dir());
                sender.rekeyNow();
              }
              byte[] p = new byte[op.size()];
              byte[] frame = s.seal(op.dir(), p);
              int flags = sender.seal();
              assertEquals(flags, frame[4] & 0x07, "flags of record " + sender.sent);
              if ((flags & 0x04) != 0) {
                receiver.pending = true;
              }
              assertArrayEquals(p, s.deliver(op.dir(), frame).orElseThrow().payload());
            }
            assertArrayEquals(new long[] {client.updates, partition.updates},
                s.sender(Dir.C2P).keyUpdates());
            assertArrayEquals(new long[] {partition.updates, client.updates},
                s.sender(Dir.P2C).keyUpdates());
          } catch (StcException e) {
            throw new AssertionError(e);
          }
        });
  }

  /** The sender rules of sections 13 and 16. */
  private static final class Model {
    final long threshold;
    long withKey;
    long updates;
    long sent;
    boolean pending;
    boolean askPeer;

    Model(long threshold) {
      this.threshold = threshold;
    }

    void rekeyNow() {
      pending = true;
      askPeer = true;
    }

    /** Flags (phase and update-requested bits) of the next record. */
    int seal() {
      if (pending || (threshold != 0 && withKey >= threshold)) {
        updates++;
        withKey = 0;
        pending = false;
      }
      int flags = (int) (updates & 1) | (askPeer ? 0x04 : 0);
      askPeer = false;
      withKey++;
      sent++;
      return flags;
    }
  }
}
