package org.openstc.conformance.partition;

import static org.openstc.conformance.ConformanceCase.hostile;
import static org.openstc.conformance.ConformanceCase.positive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.openstc.command.ChannelFeatures;
import org.openstc.command.CommandResponse;
import org.openstc.command.MalformedCommandException;
import org.openstc.conformance.Clauses;
import org.openstc.conformance.ConformanceCase;
import org.openstc.conformance.Outcome;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.MessageBatch;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;

/**
 * Several messages per DATA record (docs/protocol.md 24a): a packed record of echo requests is
 * answered in order once CHANNEL_FEATURES granted it; a packed record without the agreement, and
 * every malformed packed record after it, must end the channel with an ALERT
 * CKR_STC_FRAME_INVALID. A host that grants nothing makes the cases that need the grant
 * UNSUPPORTED.
 */
final class PackedCases {
  private static final String CLAUSE = Clauses.SEVERAL;

  private PackedCases() {}

  static List<ConformanceCase<PartitionTarget>> cases() {
    Outcome invalid = Outcome.error(StcError.CKR_STC_FRAME_INVALID);
    List<ConformanceCase<PartitionTarget>> out = new ArrayList<>();
    out.add(positive("PACK-001", CLAUSE,
        "three echo requests in one packed record are answered in order", PackedCases::inOrder));
    out.add(hostile("PACK-002", CLAUSE, "packed record sent without CHANNEL_FEATURES", invalid,
        t -> {
          try (ActiveChannel ch = t.activate(t.main())) {
            return refused(ch, MessageBatch.encode(List.of(
                request(ch, 1, new byte[] {1}), request(ch, 2, new byte[] {2}))));
          }
        }));
    out.add(malformed("PACK-003", "packed record whose second length is truncated",
        new byte[] {0, 0, 0, 1, 5, 0, 0}, invalid));
    out.add(malformed("PACK-004", "packed record whose length runs past the record",
        new byte[] {0, 0, 0, 9, 5}, invalid));
    out.add(malformed("PACK-005", "packed record with a zero-length message",
        new byte[] {0, 0, 0, 0}, invalid));
    byte[] tooMany = new byte[MessageBatch.sizeOf(1) * (MessageBatch.MAX_MESSAGES + 1)];
    for (int off = 0; off < tooMany.length; ) {
      off = MessageBatch.put(new byte[] {1}, tooMany, off);
    }
    out.add(malformed("PACK-006", "packed record with 65 messages", tooMany, invalid));
    return out;
  }

  private static byte[] request(ActiveChannel ch, long id, byte[] message) {
    return ch.responder().request(id, message);
  }

  /** Asks for the feature; null if granted, else why the case cannot run. */
  private static String negotiate(ActiveChannel ch) throws IOException, StcException {
    ch.channel().acceptSeveralPerRecord();
    byte[] reply = ch.call(ChannelFeatures.request(900, ChannelFeatures.SEVERAL_PER_RECORD)
        .encode());
    try {
      CommandResponse r = CommandResponse.decode(reply);
      if ((ChannelFeatures.granted(r) & ChannelFeatures.SEVERAL_PER_RECORD) != 0) {
        return null;
      }
      return "host does not grant several messages per record (" + r.result() + ")";
    } catch (MalformedCommandException e) {
      return "host does not answer CHANNEL_FEATURES as a command";
    }
  }

  private static Outcome inOrder(PartitionTarget t) throws Exception {
    try (ActiveChannel ch = t.activate(t.main())) {
      String no = negotiate(ch);
      if (no != null) {
        return Outcome.unsupported(no);
      }
      byte[][] messages = {{10}, {20, 21}, {30, 31, 32}};
      List<byte[]> requests = new ArrayList<>();
      for (int i = 0; i < messages.length; i++) {
        requests.add(request(ch, i + 1, messages[i]));
      }
      ch.connection().send(sealPacked(ch.channel(), MessageBatch.encode(requests)));
      List<byte[]> replies = new ArrayList<>();
      while (replies.size() < messages.length) {
        Frame f = ch.connection().read();
        if (f == null) {
          return Outcome.unexpected("host closed after " + replies.size() + " replies");
        }
        InboundRecord r = ch.channel().open(f);
        replies.addAll(r.several() ? MessageBatch.split(r.payload()) : List.of(r.payload()));
      }
      for (int i = 0; i < messages.length; i++) {
        String problem = ch.responder().check(i + 1, messages[i], replies.get(i));
        if (problem != null) {
          return Outcome.unexpected("reply " + (i + 1) + ": " + problem);
        }
      }
      return Outcome.success();
    }
  }

  private static ConformanceCase<PartitionTarget> malformed(String id, String what,
      byte[] payload, Outcome expected) {
    return hostile(id, CLAUSE, what + " after CHANNEL_FEATURES", expected, t -> {
      try (ActiveChannel ch = t.activate(t.main())) {
        String no = negotiate(ch);
        return no != null ? Outcome.unsupported(no) : refused(ch, payload);
      }
    });
  }

  private static Outcome refused(ActiveChannel ch, byte[] payload) throws Exception {
    ch.connection().send(sealPacked(ch.channel(), payload));
    return ch.connection().awaitRefusal(ch.channel());
  }

  private static byte[] sealPacked(StcChannel channel, byte[] payload) throws StcException {
    byte[] out = new byte[StcChannel.sealedLength(payload.length)];
    channel.sealSeveral(payload, 0, payload.length, out, 0);
    return out;
  }
}
