package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.command.ChannelFeatures;
import org.openstc.command.CkResult;
import org.openstc.command.CommandResponse;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.MessageBatch;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;

/**
 * The server side of several messages per record (docs/protocol.md 24a): CHANNEL_FEATURES is
 * answered by the record handler, packed requests run in order and their replies share records,
 * a packed record without the agreement or with a malformed batch closes the channel with
 * CKR_STC_FRAME_INVALID and none of its requests runs, and a service that declines leaves the
 * request to the service (an older host's answer).
 */
class SeveralPerRecordServerTest {
  private static final ChannelServiceFactory INLINE_ECHO = EmbeddedHost.echo(r -> true);

  /** Opened records from the server, as (several?, messages). */
  private record Reply(boolean several, List<byte[]> messages) {}

  private static List<Reply> replies(EmbeddedChannel ch, StcChannel client) throws Exception {
    List<Reply> out = new ArrayList<>();
    for (Frame f : EmbeddedHost.frames(EmbeddedHost.written(ch))) {
      InboundRecord r = client.open(f);
      out.add(new Reply(r.several(), r.several() ? MessageBatch.split(r.payload())
          : List.of(r.payload())));
    }
    return out;
  }

  private static byte[] packed(StcChannel client, byte[]... messages) throws StcException {
    byte[] payload = MessageBatch.encode(List.of(messages));
    byte[] out = new byte[StcChannel.sealedLength(payload.length)];
    client.sealSeveral(payload, 0, payload.length, out, 0);
    return out;
  }

  /** Offers the feature and returns what the server granted. */
  private static int negotiate(EmbeddedChannel ch, StcChannel client) throws Exception {
    client.acceptSeveralPerRecord();
    ch.writeInbound(EmbeddedHost.wrap(client.seal(
        ChannelFeatures.request(1, ChannelFeatures.SEVERAL_PER_RECORD).encode())));
    List<Reply> r = replies(ch, client);
    assertEquals(1, r.size());
    return ChannelFeatures.granted(CommandResponse.decode(r.get(0).messages().get(0)));
  }

  @Test
  void packedRequestsRunInOrderAndTheirRepliesShareARecord() throws Exception {
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), INLINE_ECHO);
    EmbeddedChannel ch = host.connect();
    StcChannel client = host.activate(ch);
    assertEquals(ChannelFeatures.SEVERAL_PER_RECORD, negotiate(ch, client));
    ch.writeInbound(EmbeddedHost.wrap(packed(client, new byte[] {1}, new byte[] {2, 2},
        new byte[] {3}), client.seal(new byte[] {4})));
    List<Reply> r = replies(ch, client);
    assertEquals(1, r.size(), "four replies ready together leave in one record");
    assertTrue(r.get(0).several());
    assertEquals(List.of("01", "0202", "03", "04"), hex(r.get(0).messages()));
  }

  @Test
  void aClientThatNeverAskedGetsOneReplyPerRecord() throws Exception {
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), INLINE_ECHO);
    EmbeddedChannel ch = host.connect();
    StcChannel client = host.activate(ch);
    ch.writeInbound(EmbeddedHost.wrap(client.seal(new byte[] {1}), client.seal(new byte[] {2}),
        client.seal(new byte[] {3})));
    List<Reply> r = replies(ch, client);
    assertEquals(3, r.size(), "an older client cannot read packed records");
    assertFalse(r.stream().anyMatch(Reply::several));
  }

  @Test
  void aLoneReplyStaysAPlainRecordAfterTheAgreement() throws Exception {
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), INLINE_ECHO);
    EmbeddedChannel ch = host.connect();
    StcChannel client = host.activate(ch);
    negotiate(ch, client);
    ch.writeInbound(EmbeddedHost.wrap(client.seal(new byte[] {7})));
    List<Reply> r = replies(ch, client);
    assertFalse(r.get(0).several());
    assertEquals(List.of("07"), hex(r.get(0).messages()));
  }

  @Test
  void aPackedRecordWithoutTheAgreementIsFrameInvalid() throws Exception {
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), INLINE_ECHO);
    EmbeddedChannel ch = host.connect();
    StcChannel client = host.activate(ch);
    ch.writeInbound(EmbeddedHost.wrap(packed(client, new byte[] {1}, new byte[] {2})));
    assertAlert(ch, client, StcError.CKR_STC_FRAME_INVALID);
  }

  /** Truncated length, length overrun, zero-length message, 65 messages. */
  @Test
  void aMalformedBatchRunsNoneOfItsRequestsAndIsFrameInvalid() throws Exception {
    byte[] tooMany = new byte[MessageBatch.sizeOf(1) * (MessageBatch.MAX_MESSAGES + 1)];
    for (int off = 0; off < tooMany.length; ) {
      off = MessageBatch.put(new byte[] {1}, tooMany, off);
    }
    byte[][] bad = {{0, 0, 0, 1, 5, 0, 0}, {0, 0, 0, 9, 5}, {0, 0, 0, 1, 5, 0, 0, 0, 0}, tooMany};
    for (byte[] payload : bad) {
      EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), INLINE_ECHO);
      EmbeddedChannel ch = host.connect();
      StcChannel client = host.activate(ch);
      negotiate(ch, client);
      byte[] f = new byte[StcChannel.sealedLength(payload.length)];
      client.sealSeveral(payload, 0, payload.length, f, 0);
      ch.writeInbound(EmbeddedHost.wrap(f));
      assertAlert(ch, client, StcError.CKR_STC_FRAME_INVALID);
    }
  }

  @Test
  void aServiceThatDeclinesGetsTheRequestItself() throws Exception {
    ChannelServiceFactory declining = (p, c, i) -> new ChannelService() {
      @Override
      public byte[] handle(byte[] request) {
        return CommandResponse.error(1, CkResult.CKR_FUNCTION_NOT_SUPPORTED, "unknown").encode();
      }

      @Override
      public boolean runsOnEventLoop(byte[] request) {
        return true;
      }

      @Override
      public boolean allowsSeveralPerRecord() {
        return false;
      }
    };
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), declining);
    EmbeddedChannel ch = host.connect();
    StcChannel client = host.activate(ch);
    assertEquals(0, negotiate(ch, client), "nothing granted");
    ch.writeInbound(EmbeddedHost.wrap(packed(client, new byte[] {1}, new byte[] {2})));
    assertAlert(ch, client, StcError.CKR_STC_FRAME_INVALID);
  }

  /** The server answered with exactly one ALERT of {@code code} and closed. */
  private static void assertAlert(EmbeddedChannel ch, StcChannel client, StcError code)
      throws Exception {
    List<Frame> frames = EmbeddedHost.frames(EmbeddedHost.written(ch));
    assertEquals(1, frames.size(), "no reply before the ALERT: " + frames);
    StcException e = org.junit.jupiter.api.Assertions.assertThrows(StcException.class,
        () -> client.open(frames.get(0)));
    assertEquals(code, e.error());
    assertFalse(ch.isOpen());
  }

  private static List<String> hex(List<byte[]> messages) {
    return messages.stream().map(java.util.HexFormat.of()::formatHex).toList();
  }
}
