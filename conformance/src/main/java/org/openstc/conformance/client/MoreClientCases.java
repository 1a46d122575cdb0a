package org.openstc.conformance.client;

import static org.openstc.conformance.ConformanceCase.hostile;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openstc.conformance.Clauses;
import org.openstc.conformance.ConformanceCase;
import org.openstc.conformance.Outcome;
import org.openstc.conformance.client.ScriptedPartition.Conversation;
import org.openstc.noise.HandshakeState;
import org.openstc.noise.Patterns;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.KeyType;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.StcError;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.internal.ChannelParameters;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * Client cases that need a partition written from the spec on the bare Noise engine (to send
 * OPEN_RESPONSE payloads that no correct partition sends) or that break the client state machine.
 */
final class MoreClientCases {
  private MoreClientCases() {}

  private static final byte[] MESSAGE = "more".getBytes(StandardCharsets.US_ASCII);

  static List<ConformanceCase<ClientTarget>> cases() {
    List<ConformanceCase<ClientTarget>> out = new ArrayList<>();
    Outcome invalid = Outcome.error(StcError.CKR_STC_FRAME_INVALID);
    byte[] good = new ChannelParameters(false, 120, 0, Wire.MAX_PLAINTEXT).encode();
    out.add(hostile("CLIENT-OPEN-005", Clauses.OPEN_RESPONSE,
        "channel parameters with replay window 50 (below 100)", invalid,
        script(responder(set(good, 2, new byte[] {0, 50})))));
    out.add(hostile("CLIENT-OPEN-006", Clauses.OPEN_RESPONSE, "channel parameters version 2",
        invalid, script(responder(set(good, 0, new byte[] {2})))));
    out.add(hostile("CLIENT-OPEN-007", Clauses.OPEN_RESPONSE, "channel parameters of 15 bytes",
        invalid, script(responder(Arrays.copyOf(good, 15)))));
    out.add(hostile("CLIENT-OPEN-008", Clauses.CLIENT_STATES,
        "REJECT carrying an unknown error code", invalid, script(Behaviours.afterOpen(
            Frame.encode(FrameType.REJECT, ByteBuffer.allocate(4).putInt(0x80000999).array())))));
    out.add(hostile("CLIENT-ACT-003", Clauses.CLIENT_STATES,
        "RETRY after OPEN_RESPONSE, instead of ACTIVATE_RESPONSE",
        Outcome.error(StcError.CKR_STC_UNEXPECTED_MESSAGE), script(c -> {
          PartitionHandshake hs = c.handshake();
          c.send(hs.onFrame(c.read()));
          c.read();
          c.send(Behaviours.retryFrame(Suite.X25519_CHACHAPOLY_SHA256));
          c.read();
        })));
    out.add(hostile("CLIENT-ACT-004", Clauses.ACTIVATE,
        "the client's own ACTIVATE reflected back as ACTIVATE_RESPONSE",
        Outcome.error(StcError.CKR_STC_KEY_CONFIRMATION_FAILED), script(c -> {
          PartitionHandshake hs = c.handshake();
          c.send(hs.onFrame(c.read()));
          byte[] activate = Frame.encode(FrameType.ACTIVATE_RESPONSE, c.read().body());
          c.send(activate);
          c.read();
        })));
    out.add(hostile("CLIENT-REC-007", Clauses.RECEIVING, "reply with its key phase bit flipped",
        Outcome.error(StcError.CKR_STC_RESPONSE_BAD_MAC), script(Behaviours.reply(f -> {
          f[Behaviours.FLAGS] ^= Wire.FLAG_KEY_PHASE;
          return f;
        }))));
    return out;
  }

  private static ConformanceCase.Body<ClientTarget> script(ScriptedPartition.Script s) {
    return t -> t.converse(KeyType.X25519, ChannelPolicy.defaults(), MESSAGE, false, s);
  }

  private static byte[] set(byte[] base, int at, byte[] bytes) {
    byte[] out = base.clone();
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return out;
  }

  /** A partition that reads OPEN honestly and answers message 2 carrying {@code payload}. */
  private static ScriptedPartition.Script responder(byte[] payload) {
    return c -> {
      byte[] body = c.read().body();
      int pro = 17 + 2 * (body[16] & 0xff);
      Suite suite = Suite.fromCode((body[14] & 0xff) << 8 | body[15] & 0xff).orElseThrow();
      HandshakeState noise = respond(c, suite, Arrays.copyOf(body, pro));
      noise.readMessage(Arrays.copyOfRange(body, pro, body.length));
      c.send(Frame.encode(FrameType.OPEN_RESPONSE, noise.writeMessage(payload)));
      noise.destroy();
      c.read();
    };
  }

  private static HandshakeState respond(Conversation c, Suite suite, byte[] prologue)
      throws Exception {
    return HandshakeState.builder(suite.noiseSuite(c.provider()), Patterns.IK, false)
        .prologue(prologue).localStatic(c.endpoint().identity()).build();
  }
}
