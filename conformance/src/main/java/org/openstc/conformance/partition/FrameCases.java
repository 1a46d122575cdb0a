package org.openstc.conformance.partition;

import static org.openstc.conformance.ConformanceCase.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openstc.conformance.Clauses;
import org.openstc.conformance.ConformanceCase;
import org.openstc.conformance.Outcome;
import org.openstc.stc.StcError;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * Malformed frames at every stage of a connection: before OPEN, after OPEN_RESPONSE (instead of
 * ACTIVATE) and on an active channel. Before ACTIVATE the host must answer REJECT; after it, an
 * ALERT record; in both cases {@code CKR_STC_FRAME_INVALID} and a close.
 */
final class FrameCases {
  private FrameCases() {}

  /** Where in the connection the bad frame arrives. */
  enum Stage {
    BEFORE_OPEN("before OPEN", FrameType.OPEN),
    AFTER_OPEN_RESPONSE("after OPEN_RESPONSE", FrameType.ACTIVATE),
    AFTER_ACTIVATE("on an active channel", FrameType.DATA);

    final String text;
    /** The frame type the host expects at this stage. */
    final FrameType expected;

    Stage(String text, FrameType expected) {
      this.text = text;
      this.expected = expected;
    }
  }

  /** The kinds of malformed input. */
  enum Kind {
    TRUNCATED("truncated frame: body shorter than the type's minimum"),
    OVERSIZED("header announcing a body beyond the type's limit (refused before any body)"),
    GARBAGE("garbage bytes (an HTTP request)"),
    UNKNOWN_TYPE("well-framed frame of unknown type 0x06");

    final String text;

    Kind(String text) {
      this.text = text;
    }
  }

  static List<ConformanceCase<PartitionTarget>> cases() {
    List<ConformanceCase<PartitionTarget>> out = new ArrayList<>();
    int n = 1;
    for (Stage stage : Stage.values()) {
      for (Kind kind : Kind.values()) {
        out.add(hostile(String.format("FRAME-%03d", n++), Clauses.FRAMES,
            kind.text + ", " + stage.text, Outcome.error(StcError.CKR_STC_FRAME_INVALID),
            t -> send(t, stage, bytes(stage, kind))));
      }
    }
    out.add(hostile("FRAME-013", Clauses.FRAMES,
        "half an OPEN, then end of stream (the host SHOULD still send REJECT)",
        Outcome.error(StcError.CKR_STC_FRAME_INVALID), FrameCases::halfThenEof).optional());
    return out;
  }

  static byte[] bytes(Stage stage, Kind kind) {
    FrameType type = stage.expected;
    switch (kind) {
      case TRUNCATED:
        return Scripts.frame(type.code(), type.minBody() - 1, 0x11);
      case OVERSIZED:
        return Arrays.copyOf(Scripts.frame(type.code(), type.maxBody() + 1, 0), Wire.FRAME_HEADER);
      case GARBAGE:
        return "GET / HTTP/1.1\r\nHost: partition\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      default:
        return Scripts.frame(0x06, 4, 0x22);
    }
  }

  static Outcome send(PartitionTarget t, Stage stage, byte[] bytes) throws Exception {
    switch (stage) {
      case BEFORE_OPEN:
        return Scripts.refusal(t, bytes);
      case AFTER_OPEN_RESPONSE: {
        Scripts.AfterOpen a = Scripts.afterOpen(t, t.main());
        try (RawConnection c = a.connection()) {
          c.send(bytes);
          return c.awaitRefusal(null);
        }
      }
      default:
        try (ActiveChannel ch = t.activate(t.main())) {
          String problem = ch.echo(new byte[] {1});
          if (problem != null) {
            return Outcome.unexpected("echo before the bad frame failed: " + problem);
          }
          ch.connection().send(bytes);
          return ch.connection().awaitRefusal(ch.channel());
        }
    }
  }

  private static Outcome halfThenEof(PartitionTarget t) throws Exception {
    byte[] open = Scripts.open(t, t.main());
    try (RawConnection c = t.connect()) {
      c.send(Arrays.copyOf(open, open.length / 2));
      c.shutdownOutput();
      return c.awaitRefusal(null);
    }
  }
}
