package org.openstc.stc.properties;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openstc.crypto.CryptoProvider;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.properties.FlipOracle.Context;
import org.openstc.stc.properties.FlipOracle.Receiver;
import org.openstc.stc.vectors.Session;
import org.openstc.stc.vectors.Session.Dir;
import org.openstc.stc.vectors.Setup;
import org.openstc.stc.vectors.Step;
import org.openstc.stc.vectors.Transcript;
import org.openstc.stc.wire.FrameType;

/**
 * Reference conversations with the fixed keys of the vectors: OPEN, (RETRY, OPEN), OPEN_RESPONSE,
 * ACTIVATE, ACTIVATE_RESPONSE, DATA c2p (5 bytes), DATA p2c (empty), CLOSE c2p. Generated once per
 * provider, suite and RETRY flag.
 */
final class Conversations {

  /** A generated conversation and, per frame, what the flip oracle needs. */
  record Reference(Setup setup, List<Step> steps, List<Context> contexts) {}

  private static final Map<String, Reference> CACHE = new ConcurrentHashMap<>();

  private Conversations() {}

  /** The suite with the same key type and hash but the other cipher. */
  static Suite otherCipher(Suite s) {
    for (Suite o : Suite.values()) {
      if (o.keyType() == s.keyType() && o.hash() == s.hash() && o.cipher() != s.cipher()) {
        return o;
      }
    }
    throw new IllegalStateException("no partner for " + s);
  }

  /**
   * Offers {@code suite} and its partner. Without RETRY {@code suite} is first and everything is
   * allowed; with RETRY the partner is first and the partition allows only {@code suite}.
   */
  static Setup setup(Suite suite, boolean retry) {
    if (!retry) {
      return Setup.of(ChannelPolicy.defaults(), suite, otherCipher(suite));
    }
    return Setup.of(ChannelPolicy.builder().ciphers(EnumSet.of(suite.cipher()))
        .hashes(EnumSet.of(suite.hash())).build(), otherCipher(suite), suite);
  }

  static Reference reference(CryptoProvider provider, Suite suite, boolean retry) {
    return CACHE.computeIfAbsent(provider.name() + suite + retry, k -> build(provider, suite,
        retry));
  }

  private static Reference build(CryptoProvider provider, Suite suite, boolean retry) {
    Setup setup = setup(suite, retry);
    List<Step> steps = new ArrayList<>();
    List<Context> contexts = new ArrayList<>();
    add(steps, contexts, setup, Dir.C2P, FrameType.OPEN, null, false, retry);
    if (retry) {
      add(steps, contexts, setup, Dir.P2C, FrameType.RETRY, null, false, false);
      add(steps, contexts, setup, Dir.C2P, FrameType.OPEN, null, true, false);
    }
    add(steps, contexts, setup, Dir.P2C, FrameType.OPEN_RESPONSE, null, false, false);
    add(steps, contexts, setup, Dir.C2P, FrameType.ACTIVATE, null, false, false);
    add(steps, contexts, setup, Dir.P2C, FrameType.ACTIVATE_RESPONSE, null, false, false);
    add(steps, contexts, setup, Dir.C2P, FrameType.DATA, new byte[] {1, 2, 3, 4, 5}, false, false);
    add(steps, contexts, setup, Dir.P2C, FrameType.DATA, new byte[0], false, false);
    add(steps, contexts, setup, Dir.C2P, FrameType.CLOSE, null, false, false);
    try {
      Transcript.Outcome o = Transcript.generate(Session.start(setup, provider), steps);
      if (!o.completed()) {
        throw new IllegalStateException("reference conversation failed", o.failure());
      }
    } catch (GeneralSecurityException | StcException e) {
      throw new IllegalStateException(e);
    }
    return new Reference(setup, List.copyOf(steps), List.copyOf(contexts));
  }

  private static void add(List<Step> steps, List<Context> contexts, Setup setup, Dir dir,
      FrameType type, byte[] payload, boolean secondOpen, boolean answeredByRetry) {
    steps.add(new Step(Step.Op.SEND, dir, type, payload, null, null));
    Receiver r = type.isRecord() ? Receiver.CHANNEL
        : dir == Dir.C2P ? Receiver.PARTITION_HANDSHAKE : Receiver.CLIENT_HANDSHAKE;
    contexts.add(new Context(type, r, setup.keyType(), setup.offer(), setup.policy(), secondOpen,
        answeredByRetry));
  }

  /**
   * A fresh session in which the first {@code n} frames of {@code ref} have been produced (byte
   * for byte as in the reference) and delivered.
   */
  static Session upTo(CryptoProvider provider, Reference ref, int n)
      throws GeneralSecurityException, StcException {
    List<Step> prefix = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Step s = ref.steps().get(i);
      prefix.add(new Step(Step.Op.SEND, s.dir, s.type, s.payload, s.frame, null));
    }
    Session session = Session.start(ref.setup(), provider);
    Transcript.Outcome o = Transcript.replay(session, prefix);
    if (!o.completed()) {
      throw new IllegalStateException("replaying the reference failed", o.failure());
    }
    return session;
  }

  /** Produces frame {@code i} of the reference on {@code session} without delivering it. */
  static byte[] produce(Session session, Reference ref, int i) throws StcException {
    Step s = ref.steps().get(i);
    switch (s.type) {
      case DATA: return session.seal(s.dir, s.payload);
      case CLOSE: return session.close(s.dir);
      default: return session.nextHandshakeFrame(s.dir);
    }
  }
}
