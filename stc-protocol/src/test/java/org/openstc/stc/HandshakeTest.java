package org.openstc.stc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;

/** OPEN / RETRY / ACTIVATE: every suite, RETRY, and each rejection path with its code. */
class HandshakeTest {

  static Stream<Arguments> suites() {
    List<Arguments> out = new ArrayList<>();
    for (CryptoProvider p : CryptoProviders.all()) {
      for (Suite s : Suite.values()) {
        out.add(Arguments.of(p, s));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("suites")
  void everySuiteActivatesAndCarriesRecordsBothWays(CryptoProvider provider, Suite suite)
      throws Exception {
    Fixture f = new Fixture(provider, suite.keyType(), ChannelPolicy.defaults());
    StcChannel[] ch = f.connect(List.of(suite));
    assertEquals(suite, ch[0].info().suite());
    assertEquals(ch[0].info().channelId(), ch[1].info().channelId());
    assertEquals(f.partitionKey.identity(), ch[0].info().remote());
    assertEquals(f.clientKey.identity(), ch[1].info().remote());
    byte[] msg = "hello partition".getBytes();
    assertArrayEquals(msg, ch[1].open(ch[0].seal(msg)).payload());
    assertArrayEquals(msg, ch[0].open(ch[1].seal(msg)).payload());
  }

  @Test
  void retryNegotiatesTheFirstAllowedOfferedSuite() throws Exception {
    ChannelPolicy chachaOnly = ChannelPolicy.builder()
        .ciphers(EnumSet.of(ChannelPolicy.Cipher.ChaChaPoly)).build();
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, chachaOnly);
    ClientHandshake c = f.client(Suite.defaultOffer(KeyType.X25519));
    PartitionHandshake p = f.partition();
    byte[] retry = p.onFrame(Frame.decode(c.start()));
    assertEquals(FrameType.RETRY, Frame.decode(retry).type());
    byte[] open2 = c.onFrame(Frame.decode(retry));
    byte[] resp = p.onFrame(Frame.decode(open2));
    byte[] activate = c.onFrame(Frame.decode(resp));
    c.onFrame(Frame.decode(p.onFrame(Frame.decode(activate))));
    assertTrue(c.isActive());
    assertEquals(Suite.X25519_CHACHAPOLY_SHA256, c.channel().info().suite());
  }

  @Test
  void noAllowedSuiteIsRejected() throws Exception {
    ChannelPolicy sha512Only = ChannelPolicy.builder()
        .hashes(EnumSet.of(ChannelPolicy.Hash.SHA512)).build();
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, sha512Only);
    ClientHandshake c = f.client(List.of(Suite.X25519_AESGCM_SHA256));
    assertError(StcError.CKR_STC_CIPHER_SUITE_REJECTED,
        () -> f.partition().onFrame(Frame.decode(c.start())));
  }

  @Test
  void unknownAndDeregisteredClientsAreRejected() throws Exception {
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
    f.registry.deregister(f.clientKey.identity());
    ClientHandshake c = f.client(Suite.defaultOffer(KeyType.X25519));
    assertError(StcError.CKR_STC_CLIENT_HANDLE_INVALID,
        () -> f.partition().onFrame(Frame.decode(c.start())));
  }

  @Test
  void unknownSerialIsRejected() throws Exception {
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
    ClientHandshake c = new ClientHandshake(f.provider, f.clientKey, 1L,
        f.partitionKey.identity());
    assertError(StcError.CKR_STC_CONTAINER_INVALID,
        () -> f.partition().onFrame(Frame.decode(c.start())));
  }

  @Test
  void wrongPartitionKeyFailsAuthentication() throws Exception {
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
    InMemoryStaticKey other = InMemoryStaticKey.generate(KeyType.X25519, f.provider);
    ClientHandshake c = new ClientHandshake(f.provider, f.clientKey, Fixture.SERIAL,
        other.identity());
    assertError(StcError.CKR_STC_RESPONSE_BAD_MAC,
        () -> f.partition().onFrame(Frame.decode(c.start())));
  }

  @Test
  void tamperedPrologueFailsAuthentication() throws Exception {
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
    ClientHandshake c = f.client(List.of(Suite.X25519_AESGCM_SHA256, Suite.X25519_AESGCM_SHA512));
    byte[] open = c.start();
    // Swap the order of the two offered suites: still well-formed, but no longer what was hashed.
    int offered = 4 + 17;
    byte[] first = {open[offered], open[offered + 1]};
    open[offered] = open[offered + 2];
    open[offered + 1] = open[offered + 3];
    open[offered + 2] = first[0];
    open[offered + 3] = first[1];
    open[4 + 14] = open[offered];
    open[4 + 15] = open[offered + 1];
    assertError(StcError.CKR_STC_RESPONSE_BAD_MAC,
        () -> f.partition().onFrame(Frame.decode(open)));
  }

  @Test
  void recordsBeforeActivateHaveNoContext() throws Exception {
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
    StcChannel[] ch = f.connect();
    assertError(StcError.CKR_STC_NO_CONTEXT,
        () -> f.partition().onFrame(Frame.decode(ch[0].seal(new byte[1]))));
  }

  @Test
  void activationTimeoutIsEnforced() throws Exception {
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
    PartitionHandshake p = new PartitionHandshake(f.provider, f.resolver(), 0L, 5);
    p.checkDeadline(4_999_999_999L);
    assertError(StcError.CKR_STC_ACTIVATION_TIMEOUT, () -> p.checkDeadline(5_000_000_000L));
  }

  @Test
  void badKeyConfirmationIsRejected() throws Exception {
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
    ClientHandshake c = f.client(Suite.defaultOffer(KeyType.X25519));
    PartitionHandshake p = f.partition();
    byte[] activate = c.onFrame(Frame.decode(p.onFrame(Frame.decode(c.start()))));
    activate[activate.length - 1] ^= 1;
    assertError(StcError.CKR_STC_ACTIVATE_MACTAG_U_VERIFY_FAIL,
        () -> p.onFrame(Frame.decode(activate)));
  }

  @Test
  void keyTypeMismatchIsRefusedByTheClient() throws GeneralSecurityException {
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
    InMemoryStaticKey p256 = InMemoryStaticKey.generate(KeyType.P256, f.provider);
    assertError(StcError.CKR_STC_DH_KEY_NOT_FROM_SAME_GROUP,
        () -> new ClientHandshake(f.provider, f.clientKey, Fixture.SERIAL, p256.identity()));
  }

  interface Call {
    void run() throws Exception;
  }

  static void assertError(StcError expected, Call call) {
    StcException e = assertThrows(StcException.class, call::run);
    assertEquals(expected, e.error(), e.getMessage());
  }
}
