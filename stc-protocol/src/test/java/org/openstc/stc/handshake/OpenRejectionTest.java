package org.openstc.stc.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.noise.HandshakeState;
import org.openstc.noise.Patterns;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.Suite;
import org.openstc.stc.vectors.FixedKeys;
import org.openstc.stc.vectors.Session;
import org.openstc.stc.vectors.Session.Dir;
import org.openstc.stc.vectors.Setup;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;
import org.openstc.stc.wire.Wire;

/**
 * The rejection paths of OPEN and RETRY (docs/protocol.md sections 7.3, 8, 18.3 and 19) that
 * HandshakeTest does not cover, each with its code, over both providers where it matters.
 */
class OpenRejectionTest {
  private static final Suite S = Suite.X25519_AESGCM_SHA256;
  private static final Suite OTHER = Suite.X25519_CHACHAPOLY_SHA256;
  private static final int PRO = Wire.FRAME_HEADER + 17;

  static Stream<CryptoProvider> providers() {
    return CryptoProviders.all().stream();
  }

  /** Offer [OTHER, S]; the partition allows only S: the first OPEN gets RETRY(S). */
  private static Session retrying(CryptoProvider provider) throws Exception {
    return Session.start(Setup.of(ChannelPolicy.builder()
        .ciphers(EnumSet.of(S.cipher())).hashes(EnumSet.of(S.hash())).build(), OTHER, S), provider);
  }

  private static Session plain(CryptoProvider provider, Suite suite) throws Exception {
    return Session.start(Setup.of(ChannelPolicy.defaults(), suite), provider);
  }

  private static void assertError(StcError expected, Call call) {
    StcException e = assertThrows(StcException.class, call::run);
    assertEquals(expected, e.error(), e.getMessage());
  }

  interface Call {
    void run() throws Exception;
  }

  /** Delivers a (possibly hand-made) OPEN body to the partition of a fresh plain session. */
  private static void openToPartition(Session s, byte[] body) throws StcException {
    s.deliver(Dir.C2P, Frame.encode(FrameType.OPEN, body));
  }

  private static byte[] body(byte[] frame) throws StcException {
    return Frame.decode(frame).body();
  }

  // ---- RETRY

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void aSecondRetryIsRefusedByTheClient(CryptoProvider provider) throws Exception {
    Session s = retrying(provider);
    s.deliver(Dir.C2P, s.nextHandshakeFrame(Dir.C2P));
    byte[] retry = s.nextHandshakeFrame(Dir.P2C);
    assertEquals(FrameType.RETRY, Frame.decode(retry).type());
    s.deliver(Dir.P2C, retry);
    assertNotNull(s.nextHandshakeFrame(Dir.C2P), "second OPEN");
    assertError(StcError.CKR_STC_OPEN_CIPHER_MISMATCH, () -> s.deliver(Dir.P2C, retry));
    assertEquals(ClientHandshake.State.FAILED, s.client().state());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void thePartitionSendsAtMostOneRetry(CryptoProvider provider) throws Exception {
    Session s = retrying(provider);
    byte[] open1 = s.nextHandshakeFrame(Dir.C2P);
    s.deliver(Dir.C2P, open1);
    // The same OPEN again (selected is still not the choice): no second RETRY.
    assertError(StcError.CKR_STC_OPEN_CIPHER_MISMATCH, () -> s.deliver(Dir.C2P, open1));
    assertEquals(PartitionHandshake.State.FAILED, s.partition().state());
  }

  /** The code of the OPEN's own suite, an unoffered suite, another key type, an unknown code. */
  @ParameterizedTest(name = "RETRY naming 0x{0}")
  @ValueSource(strings = {"0111", "0121", "0112", "0211", "0999", "0000", "ffff"})
  void aRetryNamingASuiteTheClientCannotUseIsRefused(String code) throws Exception {
    Session s = Session.start(Setup.of(ChannelPolicy.defaults(), S, Suite.X25519_CHACHAPOLY_SHA512),
        CryptoProviders.jca());
    s.nextHandshakeFrame(Dir.C2P);
    byte[] retry = Frame.encode(FrameType.RETRY, HexFormat.of().parseHex(code));
    assertError(StcError.CKR_STC_OPEN_CIPHER_MISMATCH, () -> s.deliver(Dir.P2C, retry));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void aSecondOpenThatChangesTheOfferIsRefused(CryptoProvider provider) throws Exception {
    Session s = retrying(provider);
    s.deliver(Dir.C2P, s.nextHandshakeFrame(Dir.C2P));
    byte[] retry = s.nextHandshakeFrame(Dir.P2C);
    // Another client that offers one suite more follows the RETRY: its prologue differs.
    ClientHandshake longer = new ClientHandshake(provider,
        InMemoryStaticKey.generate(KeyType.X25519, provider), Setup.SERIAL,
        FixedKeys.staticKey(KeyType.X25519, FixedKeys.privateKey(KeyType.X25519,
            FixedKeys.Role.PARTITION_STATIC), provider).identity(),
        List.of(OTHER, S, Suite.X25519_AESGCM_SHA512));
    longer.start();
    byte[] open2 = longer.onFrame(Frame.decode(retry));
    assertEquals(S.code(), ByteBuffer.wrap(open2, PRO - 3, 2).getShort() & 0xffff);
    assertError(StcError.CKR_STC_OPEN_CIPHER_MISMATCH, () -> s.deliver(Dir.C2P, open2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void aSecondOpenWithAReorderedOfferIsRefused(CryptoProvider provider) throws Exception {
    Session s = retrying(provider);
    s.deliver(Dir.C2P, s.nextHandshakeFrame(Dir.C2P));
    s.deliver(Dir.P2C, s.nextHandshakeFrame(Dir.P2C));
    byte[] open2 = s.nextHandshakeFrame(Dir.C2P);
    byte[] a = Arrays.copyOfRange(open2, PRO, PRO + 2);
    System.arraycopy(open2, PRO + 2, open2, PRO, 2);
    System.arraycopy(a, 0, open2, PRO + 2, 2);
    assertError(StcError.CKR_STC_OPEN_CIPHER_MISMATCH, () -> s.deliver(Dir.C2P, open2));
  }

  // ---- the prologue

  @ParameterizedTest(name = "byte {0} = 0x{1}")
  @MethodSource("badMagicOrVersion")
  void badMagicOrVersionIsAVersionMismatch(int offset, int value) throws Exception {
    Session s = plain(CryptoProviders.jca(), S);
    byte[] open = s.nextHandshakeFrame(Dir.C2P);
    open[Wire.FRAME_HEADER + offset] = (byte) value;
    assertError(StcError.CKR_STC_VERSION_MISMATCH, () -> s.deliver(Dir.C2P, open));
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> badMagicOrVersion() {
    return Stream.of(new int[] {0, 's'}, new int[] {1, 0}, new int[] {2, 'X'},
        new int[] {3, '2'}, new int[] {4, 0}, new int[] {4, 2}, new int[] {4, 0xff})
        .map(a -> org.junit.jupiter.params.provider.Arguments.of(a[0], a[1]));
  }

  @Test
  void anUnknownSuiteCodeIsAFrameError() throws Exception {
    for (int at : new int[] {PRO - 3, PRO + 2}) { // selected; second offered
      Session s = Session.start(Setup.of(ChannelPolicy.defaults(), S, OTHER),
          CryptoProviders.jca());
      byte[] open = s.nextHandshakeFrame(Dir.C2P);
      open[at] = 0x09;
      assertError(StcError.CKR_STC_FRAME_INVALID, () -> s.deliver(Dir.C2P, open));
    }
  }

  @Test
  void aRepeatedOfferedSuiteIsAFrameError() throws Exception {
    Session s = Session.start(Setup.of(ChannelPolicy.defaults(), S, OTHER), CryptoProviders.jca());
    byte[] open = s.nextHandshakeFrame(Dir.C2P);
    System.arraycopy(open, PRO, open, PRO + 2, 2);
    assertError(StcError.CKR_STC_FRAME_INVALID, () -> s.deliver(Dir.C2P, open));
  }

  /** Count 0, count 17 (with 17 codes present), and a count larger than the bytes left. */
  @ParameterizedTest(name = "{0} offered")
  @ValueSource(ints = {0, 17, 255})
  void anEmptyOrOversizedOfferIsAFrameError(int count) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(17 + 2 * Math.min(count, 17) + 96);
    b.put(Wire.MAGIC).put((byte) 1).put((byte) 0).putLong(Setup.SERIAL)
        .putShort((short) S.code()).put((byte) count);
    for (int i = 0; i < Math.min(count, 17); i++) {
      b.putShort((short) (i < Suite.values().length ? Suite.values()[i].code() : 0x0f00 + i));
    }
    Session s = plain(CryptoProviders.jca(), S);
    assertError(StcError.CKR_STC_FRAME_INVALID, () -> openToPartition(s, b.array()));
  }

  @Test
  void theClientRefusesToOfferNothingOrTheSameSuiteTwice() throws Exception {
    CryptoProvider p = CryptoProviders.jca();
    InMemoryStaticKey c = InMemoryStaticKey.generate(KeyType.X25519, p);
    InMemoryStaticKey part = InMemoryStaticKey.generate(KeyType.X25519, p);
    assertThrows(IllegalArgumentException.class,
        () -> new ClientHandshake(p, c, 1L, part.identity(), List.of(S, S)));
    assertThrows(RuntimeException.class,
        () -> new ClientHandshake(p, c, 1L, part.identity(), List.of()));
  }

  @Test
  void aPartitionWithoutIdentityKeyIsNotConfigured() throws Exception {
    CryptoProvider p = CryptoProviders.jca();
    Session source = plain(p, S);
    PartitionHandshake bare = new PartitionHandshake(p, serial -> Optional.of(
        new PartitionEndpoint(serial, null, new InMemoryPeerRegistry(), ChannelPolicy.defaults())),
        0L, 60);
    byte[] open = source.nextHandshakeFrame(Dir.C2P);
    assertError(StcError.CKR_STC_PARTITION_IDENTITY_NOT_CONFIGURED,
        () -> bare.onFrame(Frame.decode(open)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void aPartitionWithAnotherKeyTypeRejectsTheSuites(CryptoProvider provider) throws Exception {
    Session source = plain(provider, S);
    InMemoryStaticKey p256 = InMemoryStaticKey.generate(KeyType.P256, provider);
    PartitionHandshake other = new PartitionHandshake(provider, serial -> Optional.of(
        new PartitionEndpoint(serial, p256, new InMemoryPeerRegistry(), ChannelPolicy.defaults())),
        0L, 60);
    byte[] open = source.nextHandshakeFrame(Dir.C2P);
    assertError(StcError.CKR_STC_CIPHER_SUITE_REJECTED, () -> other.onFrame(Frame.decode(open)));
  }

  // ---- message 1

  /** Low-order and non-canonical encodings of low-order X25519 points (RFC 7748 section 6.1). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("lowOrderPoints")
  void aLowOrderX25519EphemeralIsADhError(CryptoProvider provider, String u) throws Exception {
    Session s = plain(provider, S);
    byte[] open = s.nextHandshakeFrame(Dir.C2P);
    int e = PRO + 2;
    System.arraycopy(HexFormat.of().parseHex(u), 0, open, e, 32);
    assertError(StcError.CKR_STC_COMPUTE_DH_KEY_ERROR, () -> s.deliver(Dir.C2P, open));
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> lowOrderPoints() {
    List<String> points = List.of(
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000080");
    return CryptoProviders.all().stream()
        .flatMap(p -> points.stream().map(u -> org.junit.jupiter.params.provider.Arguments.of(p, u)));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("invalidNistPoints")
  void anInvalidNistEphemeralIsAPublicKeyError(CryptoProvider provider, Suite suite, String how)
      throws Exception {
    Session s = plain(provider, suite);
    byte[] open = s.nextHandshakeFrame(Dir.C2P);
    int e = PRO + 2;
    int len = suite.keyType() == KeyType.P256 ? 65 : 133;
    switch (how) {
      case "y+1": open[e + len - 1] ^= 1; break;
      case "zero": Arrays.fill(open, e + 1, e + len, (byte) 0); break;
      case "compressed prefix": open[e] = 0x02; break;
      default: Arrays.fill(open, e + 1, e + 1 + (len - 1) / 2, (byte) 0xff); break; // x >= p
    }
    assertError(StcError.CKR_STC_OPEN_DHNIST_PUBKEY_ERROR, () -> s.deliver(Dir.C2P, open));
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> invalidNistPoints() {
    return CryptoProviders.all().stream().flatMap(p -> Stream.of(Suite.P256_AESGCM_SHA256,
        Suite.P521_CHACHAPOLY_SHA512).flatMap(s -> Stream.of("y+1", "zero", "compressed prefix",
        "x >= p").map(h -> org.junit.jupiter.params.provider.Arguments.of(p, s, h))));
  }

  /**
   * Message 1 cut short: below the OPEN minimum body the frame is invalid; inside e or ENC(s) the
   * message is too short for its tokens; inside the payload tag the AEAD fails (section 7.3 step 6:
   * the payload tag is not a token, so 80..95 bytes are BAD_MAC). Extra bytes break the tag.
   */
  @ParameterizedTest(name = "message 1 of {0} bytes")
  @ValueSource(ints = {0, 31, 32, 40, 79, 80, 95, 97, 200})
  void aTruncatedOrPaddedOpenIsRefused(int msgLength) throws Exception {
    Session s = plain(CryptoProviders.jca(), S);
    byte[] open = body(s.nextHandshakeFrame(Dir.C2P));
    int pro = 19;
    byte[] cut = Arrays.copyOf(open, pro + msgLength); // zero-padded when longer
    Set<StcError> expected = msgLength < 32 ? Set.of(StcError.CKR_STC_FRAME_INVALID)
        : msgLength < 80 ? Set.of(StcError.CKR_STC_UNEXPECTED_DH_DATA_SIZE)
        : Set.of(StcError.CKR_STC_RESPONSE_BAD_MAC);
    StcException e = assertThrows(StcException.class, () -> openToPartition(s, cut));
    assertTrue(expected.contains(e.error()), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void anOpenWithANonEmptyPayloadIsAFrameError(CryptoProvider provider) throws Exception {
    Session s = plain(provider, S);
    byte[] genuine = body(s.nextHandshakeFrame(Dir.C2P));
    byte[] prologue = Arrays.copyOf(genuine, 19);
    HandshakeState noise = HandshakeState.builder(S.noiseSuite(provider), Patterns.IK, true)
        .prologue(prologue).localStatic(key(FixedKeys.Role.CLIENT_STATIC, provider))
        .remoteStatic(key(FixedKeys.Role.PARTITION_STATIC, provider).publicKey()).build();
    byte[] msg1 = noise.writeMessage(new byte[] {'x'});
    byte[] body = Arrays.copyOf(prologue, 19 + msg1.length);
    System.arraycopy(msg1, 0, body, 19, msg1.length);
    assertError(StcError.CKR_STC_FRAME_INVALID, () -> openToPartition(s, body));
  }

  private static InMemoryStaticKey key(FixedKeys.Role role, CryptoProvider provider)
      throws Exception {
    return FixedKeys.staticKey(KeyType.X25519, FixedKeys.privateKey(KeyType.X25519, role),
        provider);
  }

  // ---- REJECT, states, activation timeout

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void aRejectReachesTheClientWithThePartitionsCode(CryptoProvider provider) throws Exception {
    Session s = Session.start(Setup.of(ChannelPolicy.defaults(), S).withUnregisteredClient(),
        provider);
    StcException refused = assertThrows(StcException.class,
        () -> s.deliver(Dir.C2P, s.nextHandshakeFrame(Dir.C2P)));
    byte[] reject = PartitionHandshake.reject(refused);
    assertError(StcError.CKR_STC_CLIENT_HANDLE_INVALID, () -> s.deliver(Dir.P2C, reject));
    assertEquals(ClientHandshake.State.FAILED, s.client().state());
  }

  @Test
  void aRejectAfterOpenResponseAndARejectWithAnUnknownCodeReachTheClient() throws Exception {
    Session s = plain(CryptoProviders.jca(), S);
    s.deliver(Dir.C2P, s.nextHandshakeFrame(Dir.C2P));
    s.deliver(Dir.P2C, s.nextHandshakeFrame(Dir.P2C));
    byte[] reject = PartitionHandshake.reject(new StcException(
        StcError.CKR_STC_ACTIVATION_TIMEOUT, "too slow"));
    assertError(StcError.CKR_STC_ACTIVATION_TIMEOUT, () -> s.deliver(Dir.P2C, reject));

    Session t = plain(CryptoProviders.jca(), S);
    t.nextHandshakeFrame(Dir.C2P);
    byte[] unknown = Frame.encode(FrameType.REJECT, new byte[] {0x12, 0x34, 0x56, 0x78});
    assertError(StcError.CKR_STC_FRAME_INVALID, () -> t.deliver(Dir.P2C, unknown));
  }

  @Test
  void framesOutOfOrderAreUnexpected() throws Exception {
    Session s = plain(CryptoProviders.jca(), S);
    byte[] open = s.nextHandshakeFrame(Dir.C2P);
    s.deliver(Dir.C2P, open);
    assertError(StcError.CKR_STC_UNEXPECTED_MESSAGE, () -> s.deliver(Dir.C2P, open));

    Session t = plain(CryptoProviders.jca(), S);
    t.deliver(Dir.C2P, t.nextHandshakeFrame(Dir.C2P));
    byte[] response = t.nextHandshakeFrame(Dir.P2C);
    byte[] activate = Frame.encode(FrameType.ACTIVATE, new byte[48]);
    Session u = plain(CryptoProviders.jca(), S);
    assertError(StcError.CKR_STC_UNEXPECTED_MESSAGE, () -> u.deliver(Dir.C2P, activate));
    Session v = plain(CryptoProviders.jca(), S);
    assertError(StcError.CKR_STC_UNEXPECTED_MESSAGE, () -> v.deliver(Dir.C2P, response));
    Session w = plain(CryptoProviders.jca(), S);
    w.nextHandshakeFrame(Dir.C2P);
    byte[] activateResponse = Frame.encode(FrameType.ACTIVATE_RESPONSE, new byte[48]);
    assertError(StcError.CKR_STC_UNEXPECTED_MESSAGE, () -> w.deliver(Dir.P2C, activateResponse));
  }

  /**
   * Until OPEN names a partition the host's default timeout applies, then the partition's own
   * (section 19); a handshake that timed out accepts nothing more; an active one never times out.
   */
  @Test
  void theActivationTimeoutFollowsThePartitionAndEndsTheHandshake() throws Exception {
    CryptoProvider p = CryptoProviders.jca();
    ChannelPolicy fiveSeconds = ChannelPolicy.builder().activationTimeoutSeconds(5).build();
    Session source = Session.start(Setup.of(fiveSeconds, S), p);
    InMemoryStaticKey partitionKey = key(FixedKeys.Role.PARTITION_STATIC, p);
    InMemoryPeerRegistry registry = new InMemoryPeerRegistry()
        .register("c", key(FixedKeys.Role.CLIENT_STATIC, p).identity());
    PartitionHandshake h = new PartitionHandshake(p, serial -> Optional.of(
        new PartitionEndpoint(serial, partitionKey, registry, fiveSeconds)), 1_000L, 60);
    assertEquals(1_000L + 60_000_000_000L, h.deadlineNanos());
    h.checkDeadline(1_000L + 59_999_999_999L);
    byte[] response = h.onFrame(Frame.decode(source.nextHandshakeFrame(Dir.C2P)));
    assertEquals(FrameType.OPEN_RESPONSE, Frame.decode(response).type());
    assertEquals(1_000L + 5_000_000_000L, h.deadlineNanos());
    h.checkDeadline(1_000L + 4_999_999_999L);
    assertError(StcError.CKR_STC_ACTIVATION_TIMEOUT, () -> h.checkDeadline(1_000L + 5_000_000_000L));
    assertEquals(PartitionHandshake.State.FAILED, h.state());
    source.deliver(Dir.P2C, response);
    byte[] activate = source.nextHandshakeFrame(Dir.C2P);
    assertError(StcError.CKR_STC_UNEXPECTED_MESSAGE, () -> h.onFrame(Frame.decode(activate)));
  }

  @Test
  void anActiveChannelNeverTimesOut() throws Exception {
    Session s = plain(CryptoProviders.jca(), S).activate();
    s.partition().checkDeadline(s.partition().deadlineNanos() + 1_000_000_000_000L);
    assertTrue(s.partition().isActive());
  }
}
