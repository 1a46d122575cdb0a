package org.openstc.conformance.client;

import java.security.SecureRandom;
import org.openstc.conformance.client.ScriptedPartition.Conversation;
import org.openstc.stc.internal.Alerts;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcError;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/** What a scripted partition does: well-behaved, or broken at one precise step. */
final class Behaviours {
  private Behaviours() {}

  /** Record frame offsets. */
  static final int FLAGS = Wire.FRAME_HEADER;
  static final int SEQ = Wire.FRAME_HEADER + 1;

  /** The honest partition: handshake, echo one request. */
  static void echo(Conversation c) throws Exception {
    StcChannel ch = c.activate();
    c.send(ch.seal(c.request(ch)));
  }

  /** Honest, then an orderly CLOSE after the reply. */
  static void echoThenClose(Conversation c) throws Exception {
    StcChannel ch = c.activate();
    c.send(ch.seal(c.request(ch)), ch.close());
  }

  /** Forces a key update (with update-requested) before replying. */
  static void rekeyThenEcho(Conversation c) throws Exception {
    StcChannel ch = c.activate();
    byte[] request = c.request(ch);
    ch.rekeyNow();
    c.send(ch.seal(request));
  }

  /** Reads OPEN and answers with {@code frame} instead of an honest reply. */
  static ScriptedPartition.Script afterOpen(byte[] frame) {
    return c -> {
      c.read();
      c.send(frame);
    };
  }

  /** Answers OPEN with RETRY naming {@code suite}, once or, when {@code twice}, on each OPEN. */
  static ScriptedPartition.Script retry(Suite suite, Suite second) {
    return c -> {
      c.read();
      c.send(retryFrame(suite));
      if (second != null) {
        c.read();
        c.send(retryFrame(second));
      }
      c.read();
    };
  }

  static byte[] retryFrame(Suite s) {
    return Frame.encode(FrameType.RETRY, new byte[] {(byte) (s.code() >>> 8), (byte) s.code()});
  }

  /** An OPEN_RESPONSE of random bytes: a partition that does not hold the registered key. */
  static void impostor(Conversation c) throws Exception {
    c.read();
    byte[] body = new byte[32 + 16 + 16];
    new SecureRandom().nextBytes(body);
    c.send(Frame.encode(FrameType.OPEN_RESPONSE, body));
    c.read();
  }

  /** The honest OPEN_RESPONSE with one bit of its encrypted payload flipped. */
  static void tamperedOpenResponse(Conversation c) throws Exception {
    PartitionHandshake hs = c.handshake();
    byte[] resp = hs.onFrame(c.read());
    resp[resp.length - 1] ^= 1;
    c.send(resp);
    c.read();
  }

  /** Honest OPEN_RESPONSE, then {@code mutate(ACTIVATE_RESPONSE)}. */
  interface Mutation {
    byte[] apply(byte[] frame) throws Exception;
  }

  static ScriptedPartition.Script activateResponse(Mutation m) {
    return c -> {
      PartitionHandshake hs = c.handshake();
      c.send(hs.onFrame(c.read()));
      byte[] act = hs.onFrame(c.read());
      c.send(m.apply(act));
      c.read();
    };
  }

  /** Honest handshake; the reply record is edited by {@code m} before it is sent. */
  static ScriptedPartition.Script reply(Mutation m) {
    return c -> {
      StcChannel ch = c.activate();
      byte[] request = c.request(ch);
      c.send(m.apply(ch.seal(request)));
      c.read();
    };
  }

  /** The reply twice (the second is a replay), then CLOSE. */
  static void replayedReply(Conversation c) throws Exception {
    StcChannel ch = c.activate();
    byte[] record = ch.seal(c.request(ch));
    c.send(record, record, ch.close());
    c.read();
  }

  /** An ALERT record instead of the reply. */
  static void alertInstead(Conversation c) throws Exception {
    StcChannel ch = c.activate();
    c.request(ch);
    c.send(ch.alert(StcError.CKR_STC_SHUTTING_DOWN, "scripted partition shutting down"));
  }

  /** A REJECT answering OPEN. */
  static byte[] reject(StcError error) {
    return Frame.encode(FrameType.REJECT, Alerts.encode(error, "scripted refusal"));
  }

  /** Accepts the connection and never says anything. */
  static void silent(Conversation c) throws Exception {
    c.read();
    Thread.sleep(ClientTarget.SCRIPT_READ_MILLIS);
  }
}
