package org.openstc.stc.vectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.MessageBatch;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.vectors.Session.Dir;
import org.openstc.stc.wire.Frame;

/**
 * Replays {@code stc1_packed_vectors.json} (docs/protocol.md 24a): each valid payload splits into
 * its messages and encodes back to itself, and travels through a real channel as a packed record;
 * each invalid one is CKR_STC_FRAME_INVALID.
 */
class PackedVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static JsonObject load() throws Exception {
    try (InputStream in = PackedVectorsTest.class.getClassLoader()
        .getResourceAsStream("stc-vectors/stc1_packed_vectors.json")) {
      return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .getAsJsonObject();
    }
  }

  @Test
  void everyVectorSplitsOrFailsAsItSays() throws Exception {
    JsonObject root = load();
    Session s = Session.start(Setup.of(ChannelPolicy.defaults(), Suite.X25519_AESGCM_SHA256),
        CryptoProviders.jca()).activate();
    StcChannel sender = s.sender(Dir.C2P);
    StcChannel receiver = s.receiver(Dir.C2P);
    receiver.acceptSeveralPerRecord();
    int count = 0;
    for (JsonElement g : root.getAsJsonArray("testGroups")) {
      for (JsonElement t : g.getAsJsonObject().getAsJsonArray("tests")) {
        JsonObject v = t.getAsJsonObject();
        String id = "tcId " + v.get("tcId").getAsInt() + ": " + v.get("comment").getAsString();
        byte[] payload = HEX.parseHex(v.get("payload").getAsString());
        count++;
        if (v.get("result").getAsString().equals("invalid")) {
          StcException e = assertThrows(StcException.class, () -> MessageBatch.split(payload), id);
          assertEquals(StcError.valueOf(v.get("error").getAsString()), e.error(), id);
          continue;
        }
        List<String> expected = new ArrayList<>();
        v.getAsJsonArray("messages").forEach(m -> expected.add(m.getAsString()));
        List<byte[]> messages = MessageBatch.split(payload);
        assertEquals(expected, messages.stream().map(HEX::formatHex).toList(), id);
        assertArrayEquals(payload, MessageBatch.encode(messages), id);
        byte[] frame = new byte[StcChannel.sealedLength(payload.length)];
        sender.sealSeveral(payload, 0, payload.length, frame, 0);
        InboundRecord r = receiver.open(Frame.decode(frame));
        assertTrue(r.several(), id);
        assertArrayEquals(payload, r.payload(), id);
      }
    }
    assertEquals(root.get("numberOfTests").getAsInt(), count);
  }
}
