package org.openstc.conformance.client;

import static org.openstc.conformance.ConformanceCase.hostile;
import static org.openstc.conformance.ConformanceCase.positive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.openstc.conformance.Clauses;
import org.openstc.conformance.ConformanceCase;
import org.openstc.conformance.Outcome;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.KeyType;
import org.openstc.stc.StcError;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/** The registry of cases for {@code -target client}: the suite plays the partition. */
public final class ClientCases {
  private ClientCases() {}

  private static final byte[] MESSAGE = "conformance".getBytes(StandardCharsets.US_ASCII);
  private static final ChannelPolicy DEFAULT = ChannelPolicy.defaults();

  public static List<ConformanceCase<ClientTarget>> all() {
    List<ConformanceCase<ClientTarget>> out = new ArrayList<>();
    int n = 1;
    for (KeyType type : KeyType.values()) {
      out.add(positive(String.format("CLIENT-SUITE-%03d", n++), Clauses.SUITES,
          "well-behaved " + type.label() + " partition echoes the message",
          t -> t.converse(type, DEFAULT, MESSAGE, false, Behaviours::echo)));
    }
    out.add(positive("CLIENT-RETRY-001", Clauses.RETRY,
        "partition disallowing AES-GCM answers RETRY; the client opens again and succeeds",
        t -> t.converse(KeyType.X25519, DEFAULT.toBuilder()
            .ciphers(Set.of(ChannelPolicy.Cipher.ChaChaPoly)).build(), MESSAGE, false,
            Behaviours::echo)));
    Outcome mismatch = Outcome.error(StcError.CKR_STC_OPEN_CIPHER_MISMATCH);
    out.add(hostile("CLIENT-RETRY-002", Clauses.RETRY, "RETRY to a suite the client did not offer",
        mismatch, x25519(Behaviours.retry(Suite.P256_AESGCM_SHA256, null))));
    out.add(hostile("CLIENT-RETRY-003", Clauses.RETRY, "a second RETRY after the first",
        mismatch, x25519(Behaviours.retry(Suite.X25519_CHACHAPOLY_SHA256,
            Suite.X25519_AESGCM_SHA512))));
    out.add(hostile("CLIENT-RETRY-004", Clauses.RETRY, "RETRY naming the suite already selected",
        mismatch, x25519(Behaviours.retry(Suite.X25519_AESGCM_SHA256, null))));
    Outcome badMac = Outcome.error(StcError.CKR_STC_RESPONSE_BAD_MAC);
    out.add(hostile("CLIENT-OPEN-001", Clauses.OPEN_RESPONSE,
        "impostor partition without the registered key answers OPEN", badMac,
        x25519(Behaviours::impostor)));
    out.add(hostile("CLIENT-OPEN-002", Clauses.OPEN_RESPONSE, "OPEN_RESPONSE with a bit flipped",
        badMac, x25519(Behaviours::tamperedOpenResponse)));
    for (StcError e : List.of(StcError.CKR_STC_CLIENT_HANDLE_INVALID,
        StcError.CKR_STC_CONTAINER_INVALID)) {
      out.add(hostile(String.format("CLIENT-OPEN-%03d", e == StcError.CKR_STC_CONTAINER_INVALID
          ? 4 : 3), Clauses.ERRORS, "partition answers OPEN with REJECT " + e.name(),
          Outcome.error(e), x25519(Behaviours.afterOpen(Behaviours.reject(e)))));
    }
    out.add(hostile("CLIENT-ACT-001", Clauses.ACTIVATE, "MacTag_V with a bit flipped",
        Outcome.error(StcError.CKR_STC_KEY_CONFIRMATION_FAILED),
        x25519(Behaviours.activateResponse(f -> flip(f, f.length - 1)))));
    out.add(hostile("CLIENT-ACT-002", Clauses.CLIENT_STATES,
        "a DATA record instead of ACTIVATE_RESPONSE",
        Outcome.error(StcError.CKR_STC_UNEXPECTED_MESSAGE),
        x25519(Behaviours.activateResponse(f -> fakeRecord()))));
    addFrames(out);
    addRecords(out);
    out.add(positive("CLIENT-REKEY-001", Clauses.REKEY,
        "partition updates its key and asks the client to follow before replying",
        t -> t.converse(KeyType.X25519, DEFAULT, MESSAGE, false, Behaviours::rekeyThenEcho)));
    out.add(positive("CLIENT-INTEG-001", Clauses.INTEGRITY, "integrity-only partition",
        t -> t.converse(KeyType.X25519, DEFAULT.toBuilder().integrityOnly(true).build(), MESSAGE,
            false, Behaviours::echo)));
    out.add(positive("CLIENT-CLOSE-001", Clauses.CLOSE,
        "partition replies, then closes the channel with CLOSE",
        t -> t.converse(KeyType.X25519, DEFAULT, MESSAGE, true, Behaviours::echoThenClose)));
    out.add(hostile("CLIENT-TIME-001", Clauses.ACTIVATION_TIMEOUT,
        "partition accepts the connection and never answers: the client gives up",
        Outcome.timeout(""), x25519(Behaviours::silent)));
    out.addAll(MoreClientCases.cases());
    return List.copyOf(out);
  }

  private static void addFrames(List<ConformanceCase<ClientTarget>> out) {
    Outcome invalid = Outcome.error(StcError.CKR_STC_FRAME_INVALID);
    byte[] truncated = Arrays.copyOf(header(FrameType.OPEN_RESPONSE, 64), 14);
    out.add(hostile("CLIENT-FRAME-001", Clauses.FRAMES,
        "OPEN_RESPONSE cut short, then end of stream", invalid, x25519(c -> {
          c.read();
          c.send(truncated);
          c.endOutput();
        })));
    out.add(hostile("CLIENT-FRAME-002", Clauses.FRAMES, "frame of unknown type 0x06", invalid,
        x25519(Behaviours.afterOpen(withType(0x06)))));
    out.add(hostile("CLIENT-FRAME-003", Clauses.FRAMES,
        "OPEN_RESPONSE header announcing a body beyond the limit", invalid,
        x25519(Behaviours.afterOpen(header(FrameType.OPEN_RESPONSE,
            FrameType.OPEN_RESPONSE.maxBody() + 1)))));
    out.add(hostile("CLIENT-FRAME-004", Clauses.FRAMES, "garbage (an HTTP response)", invalid,
        x25519(Behaviours.afterOpen("HTTP/1.1 400 Bad Request\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII)))));
  }

  private static void addRecords(List<ConformanceCase<ClientTarget>> out) {
    out.add(hostile("CLIENT-REC-001", Clauses.REPLAY, "the reply record sent twice",
        Outcome.error(StcError.CKR_STC_RESPONSE_REPLAYED),
        t -> t.converse(KeyType.X25519, DEFAULT, MESSAGE, true, Behaviours::replayedReply)));
    out.add(hostile("CLIENT-REC-002", Clauses.PROTECTION, "reply with its tag bit flipped",
        Outcome.error(StcError.CKR_STC_RESPONSE_BAD_MAC),
        x25519(Behaviours.reply(f -> flip(f, f.length - 1)))));
    out.add(hostile("CLIENT-REC-003", Clauses.SEQUENCE, "reply with sequence number 0",
        Outcome.error(StcError.CKR_STC_SEQUENCE_NUM_INVALID), x25519(Behaviours.reply(f -> {
          Arrays.fill(f, Behaviours.SEQ, Behaviours.SEQ + 8, (byte) 0);
          return f;
        }))));
    out.add(hostile("CLIENT-REC-004", Clauses.RECEIVING, "reply with a reserved flag bit set",
        Outcome.error(StcError.CKR_STC_FRAME_INVALID), x25519(Behaviours.reply(f -> {
          f[Behaviours.FLAGS] |= 0x40;
          return f;
        }))));
    out.add(hostile("CLIENT-REC-005", Clauses.CLOSE, "an ALERT record instead of the reply",
        Outcome.error(StcError.CKR_STC_SHUTTING_DOWN), x25519(Behaviours::alertInstead)));
    out.add(hostile("CLIENT-REC-006", Clauses.PROTECTION, "reply with a ciphertext bit flipped",
        Outcome.error(StcError.CKR_STC_RESPONSE_BAD_MAC),
        x25519(Behaviours.reply(f -> flip(f, Wire.FRAME_HEADER + Wire.RECORD_HEADER)))));
  }

  private static ConformanceCase.Body<ClientTarget> x25519(ScriptedPartition.Script script) {
    return t -> t.converse(KeyType.X25519, DEFAULT, MESSAGE, false, script);
  }

  private static byte[] flip(byte[] frame, int index) {
    frame[index] ^= 1;
    return frame;
  }

  /** A frame header announcing {@code bodyLength} bytes, followed by up to 64 zero bytes. */
  private static byte[] header(FrameType type, int bodyLength) {
    byte[] h = new byte[Wire.FRAME_HEADER + (bodyLength > 64 ? 0 : bodyLength)];
    Frame.writeHeader(type, bodyLength, h, 0);
    return h;
  }

  private static byte[] withType(int type) {
    byte[] f = Frame.encode(FrameType.OPEN_RESPONSE, new byte[48]);
    f[0] = (byte) type;
    return f;
  }

  private static byte[] fakeRecord() {
    byte[] f = Frame.encode(FrameType.DATA, new byte[Wire.RECORD_HEADER + 16]);
    f[Behaviours.SEQ + 7] = 1;
    return f;
  }
}
