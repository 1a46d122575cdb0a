package org.openstc.stc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.wire.Frame;
import org.openstc.stc.wire.FrameType;

/**
 * State that can change during a handshake is judged when each message arrives (issue 11 §4,
 * issue 12 §6): the registration at ACTIVATE, the settings at a second OPEN, the order of the
 * checks for a second OPEN, and the message-1 size rule of docs/protocol.md 7.3 step 6.
 */
class HandshakeRecheckTest {
  private static final List<Suite> OFFER = List.of(Suite.X25519_AESGCM_SHA256,
      Suite.X25519_CHACHAPOLY_SHA256);
  private static final ChannelPolicy CHACHA_ONLY = ChannelPolicy.builder()
      .ciphers(Set.of(ChannelPolicy.Cipher.ChaChaPoly)).build();

  private final Fixture f;

  HandshakeRecheckTest() throws Exception {
    f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
  }

  @Test
  void clientDeregisteredBeforeOpenIsRejectedAtOpen() throws Exception {
    f.registry.deregister(f.clientKey.identity());
    PartitionHandshake p = f.partition();
    assertError(StcError.CKR_STC_CLIENT_HANDLE_INVALID,
        () -> p.onFrame(Frame.decode(f.client(OFFER).start())));
  }

  @Test
  void clientDeregisteredBetweenRetryAndTheSecondOpenIsRejectedThere() throws Exception {
    f.policy = CHACHA_ONLY;
    ClientHandshake c = f.client(OFFER);
    PartitionHandshake p = f.partition();
    byte[] open2 = c.onFrame(Frame.decode(p.onFrame(Frame.decode(c.start()))));
    f.registry.deregister(f.clientKey.identity());
    assertError(StcError.CKR_STC_CLIENT_HANDLE_INVALID, () -> p.onFrame(Frame.decode(open2)));
  }

  @Test
  void clientDeregisteredBetweenOpenResponseAndActivateGetsNoActivateResponse()
      throws Exception {
    ClientHandshake c = f.client(OFFER);
    PartitionHandshake p = f.partition();
    byte[] openResponse = p.onFrame(Frame.decode(c.start()));
    byte[] activate = c.onFrame(Frame.decode(openResponse));
    f.registry.deregister(f.clientKey.identity());
    assertError(StcError.CKR_STC_CLIENT_HANDLE_INVALID, () -> p.onFrame(Frame.decode(activate)));
    assertEquals(PartitionHandshake.State.FAILED, p.state());
  }

  @Test
  void aCipherDisabledAfterRetryIsRefusedInTheSecondOpen() throws Exception {
    f.policy = CHACHA_ONLY;
    ClientHandshake c = f.client(OFFER);
    PartitionHandshake p = f.partition();
    byte[] retry = p.onFrame(Frame.decode(c.start()));
    assertEquals(FrameType.RETRY, Frame.decode(retry).type());
    byte[] open2 = c.onFrame(Frame.decode(retry));
    f.policy = ChannelPolicy.builder().ciphers(Set.of(ChannelPolicy.Cipher.AESGCM)).build();
    assertError(StcError.CKR_STC_CIPHER_SUITE_REJECTED, () -> p.onFrame(Frame.decode(open2)));
  }

  @Test
  void aHashDisabledAfterRetryIsRefusedInTheSecondOpen() throws Exception {
    f.policy = CHACHA_ONLY;
    ClientHandshake c = f.client(OFFER);
    PartitionHandshake p = f.partition();
    byte[] open2 = c.onFrame(Frame.decode(p.onFrame(Frame.decode(c.start()))));
    f.policy = ChannelPolicy.builder().hashes(Set.of(ChannelPolicy.Hash.SHA512)).build();
    assertError(StcError.CKR_STC_CIPHER_SUITE_REJECTED, () -> p.onFrame(Frame.decode(open2)));
  }

  @Test
  void aSecondOpenNamingAnotherSerialIsACipherMismatchBeforeTheSerialIsLookedUp()
      throws Exception {
    f.policy = CHACHA_ONLY;
    ClientHandshake c = f.client(OFFER);
    PartitionHandshake p = f.partition();
    byte[] open2 = c.onFrame(Frame.decode(p.onFrame(Frame.decode(c.start()))));
    open2[4 + 6 + 7] ^= 1; // the last byte of the serial: a partition this host does not have
    assertError(StcError.CKR_STC_OPEN_CIPHER_MISMATCH, () -> p.onFrame(Frame.decode(open2)));
  }

  /** X25519: the tokens e and ENC(s) need 80 bytes; the payload's 16-byte tag is not a token. */
  @ParameterizedTest(name = "message 1 of {0} bytes: {1}")
  @CsvSource({"79, CKR_STC_UNEXPECTED_DH_DATA_SIZE", "80, CKR_STC_RESPONSE_BAD_MAC",
      "95, CKR_STC_RESPONSE_BAD_MAC", "97, CKR_STC_RESPONSE_BAD_MAC"})
  void messageOneShorterThanItsTokensIsASizeErrorAndAShortPayloadTagIsBadMac(int length,
      StcError expected) throws Exception {
    byte[] open = f.client(OFFER).start();
    Frame frame = Frame.decode(open);
    int prologue = 17 + 2 * OFFER.size();
    byte[] body = Arrays.copyOfRange(frame.body(), 0, prologue + length);
    PartitionHandshake p = f.partition();
    assertError(expected, () -> p.onFrame(Frame.decode(Frame.encode(FrameType.OPEN, body))));
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void assertError(StcError expected, Step step) {
    StcException e = assertThrows(StcException.class, step::run);
    assertEquals(expected, e.error(), e.getMessage());
  }
}
