package org.openstc.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

class CommandCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void echoFramesMatchTheDocumentedExample() throws Exception {
    assertEquals("000000010001000000026869", HEX.formatHex(Requests.echo(1, "hi".getBytes()).encode()));
    assertEquals("00000001000000000000000000026869",
        HEX.formatHex(CommandResponse.ok(1, "hi".getBytes()).encode()));
  }

  @Test
  void framesRoundTrip() {
    qt().forAll(longs().between(0, 0xffffffffL), integers().between(0, 0xffff), strings().betweenCodePoints(0x20, 0xD7FF).ofLengthBetween(0, 40))
        .checkAssert((id, op, text) -> {
          CommandRequest r = new CommandRequest(id, op, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          assertEquals(r, decode(r.encode()));
          CommandResponse resp = new CommandResponse(id, op, text, r.body());
          CommandResponse back = decodeResponse(resp.encode());
          assertEquals(text, back.message());
          assertArrayEquals(r.body(), back.body());
          assertEquals(id, back.requestId());
        });
  }

  @Test
  void bodiesRoundTrip() throws Exception {
    PeerIdentity id = InMemoryStaticKey.generate(KeyType.P521, CryptoProviders.jca()).identity();
    ClientBodies.Register reg = ClientBodies.Register.decode(new ClientBodies.Register("c1", id, "ab").encode());
    assertEquals(id, reg.identity());
    assertEquals("ab", reg.expectedFingerprint());
    List<ClientBodies.Entry> clients = List.of(new ClientBodies.Entry("c1", KeyType.P521, id.fingerprint(), 42));
    assertEquals(clients, ClientBodies.decodeList(ClientBodies.encodeList(clients)));
    List<ObjectBodies.Entry> objects = List.of(new ObjectBodies.Entry(7, ObjectType.ED25519, "k", 99));
    assertEquals(objects, ObjectBodies.decodePage(ObjectBodies.encodePage(new Page<>(1, objects))).entries());
    PartitionInfo info = new PartitionInfo("p", 123456789012L, "l", true, KeyType.X25519, 10000, 2392, 1, 0, id.fingerprint());
    assertEquals(info, PartitionInfo.decode(info.encode()));
    assertEquals(3, info.moreClientsFit());
    ChannelPolicy p = ChannelPolicy.builder().replayWindow(777).integrityOnly(true).build();
    assertEquals(p.toString(), StcSettings.decode(StcSettings.encode(p)).toString());
    try (PinBody pins = PinBody.decodeChange(PinBody.encodeChange("old-pin-1".getBytes(), "new-pin-2".getBytes()))) {
      assertEquals("new-pin-2", new String(pins.newPin()));
    }
  }

  @Test
  void strictDecodingRefusesTrailingBytesBadEnumsAndBadUtf8() {
    byte[] frame = Requests.partitionInfo(1).encode();
    byte[] longer = java.util.Arrays.copyOf(frame, frame.length + 1);
    assertThrows(MalformedCommandException.class, () -> CommandRequest.decode(longer));
    assertThrows(MalformedCommandException.class, () -> Role.fromCode(9));
    assertThrows(MalformedCommandException.class, () -> ObjectBodies.Generate.decode(new byte[] {9, 0, 1, 'k'}));
    assertThrows(MalformedCommandException.class, () -> ClientBodies.decodeLabel(new byte[] {0, 1, (byte) 0xff}));
    assertThrows(MalformedCommandException.class, () -> new WireReader(new byte[] {2}).bool());
    assertThrows(MalformedCommandException.class, () -> StcSettings.decode(new byte[20]));
    byte[] huge = new WireWriter().u32(1).u16(1).u32(CommandRequest.MAX_BODY + 1).toByteArray();
    assertThrows(MalformedCommandException.class, () -> CommandRequest.decode(huge));
  }

  @Test
  void responsesAreEncodedAsTheWireFormatSaysAndOutOfRangeOnesRefused() {
    byte[] body = {1, 2, 3};
    byte[] expected = new WireWriter().u32(7).u32(0).string("").bytes(body).toByteArray();
    assertArrayEquals(expected, CommandResponse.ok(7, body).encode());
    assertArrayEquals(expected, CommandResponse.okOwning(7, body).encode());
    assertThrows(IllegalArgumentException.class,
        () -> new CommandResponse(1L << 32, 0, "", body).encode());
    assertThrows(IllegalArgumentException.class,
        () -> new CommandResponse(1, 1L << 32, "", body).encode());
  }

  @Test
  void longMessagesAreTruncatedToTheLimit() throws Exception {
    CommandResponse r = CommandResponse.error(1, CkResult.CKR_GENERAL_ERROR, "é".repeat(2000));
    assertEquals(CommandResponse.MAX_MESSAGE, r.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertEquals(r.message(), CommandResponse.decode(r.encode()).message());
  }

  @Test
  void pagesFitTheBodyLimit() {
    List<Integer> all = java.util.stream.IntStream.range(0, 100_000).boxed().toList();
    Page<Integer> first = Page.slice(all, 0, i -> 100);
    assertEquals((CommandRequest.MAX_BODY - 8) / 100, first.entries().size());
    assertEquals(true, first.hasMore(0));
    assertEquals(0, Page.slice(all, 200_000, i -> 100).entries().size());
  }

  private static CommandRequest decode(byte[] b) {
    try {
      return CommandRequest.decode(b);
    } catch (MalformedCommandException e) {
      throw new AssertionError(e);
    }
  }

  private static CommandResponse decodeResponse(byte[] b) {
    try {
      return CommandResponse.decode(b);
    } catch (MalformedCommandException e) {
      throw new AssertionError(e);
    }
  }
}
