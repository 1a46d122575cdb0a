package org.openstc.stc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.openstc.stc.HandshakeTest.assertError;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.noise.CipherStatePair;
import org.openstc.noise.HandshakeState;
import org.openstc.noise.Patterns;

/**
 * docs/protocol.md section 14 step 1: a DATA record longer than the channel's max plaintext is
 * {@code CKR_STC_FRAME_INVALID}, decided from the frame length before any cryptography (a
 * tampered one gets the same code, not BAD_MAC) and without changing the receiver's state.
 */
class MaxPlaintextTest {
  private static final int SMALL = 1024;

  @Test
  void oversizedDataIsFrameInvalidBeforeTheTagAndChangesNothing() throws Exception {
    StcChannel[] ch = pair(SMALL);
    byte[] big = ch[0].seal(new byte[SMALL + 1]);
    assertError(StcError.CKR_STC_FRAME_INVALID, () -> ch[1].open(big));
    big[big.length - 1] ^= 1;
    assertError(StcError.CKR_STC_FRAME_INVALID, () -> ch[1].open(big));
    byte[] fits = ch[0].seal(new byte[] {7, 8});
    assertArrayEquals(new byte[] {7, 8}, ch[1].open(fits).payload());
  }

  /** {sender allowed 131072 bytes, receiver whose channel parameters say {@code max}}. */
  private static StcChannel[] pair(int max) throws Exception {
    CryptoProvider provider = CryptoProviders.jca();
    InMemoryStaticKey c = InMemoryStaticKey.generate(KeyType.X25519, provider);
    InMemoryStaticKey p = InMemoryStaticKey.generate(KeyType.X25519, provider);
    Suite suite = Suite.X25519_AESGCM_SHA256;
    HandshakeState i = HandshakeState.builder(suite.noiseSuite(provider), Patterns.IK, true)
        .prologue(new byte[0]).localStatic(c).remoteStatic(p.publicKey()).build();
    HandshakeState r = HandshakeState.builder(suite.noiseSuite(provider), Patterns.IK, false)
        .prologue(new byte[0]).localStatic(p).build();
    r.readMessage(i.writeMessage(new byte[0]));
    i.readMessage(r.writeMessage(new byte[0]));
    CipherStatePair ci = i.split();
    CipherStatePair cr = r.split();
    return new StcChannel[] {new StcChannel(info(suite, c, p, 131072), ci),
        new StcChannel(info(suite, p, c, max), cr)};
  }

  private static ChannelInfo info(Suite suite, InMemoryStaticKey local, InMemoryStaticKey remote,
      int max) {
    return new ChannelInfo(suite, false, "test", 1, local.identity(), remote.identity(), 120, 0,
        max, Instant.now());
  }
}
