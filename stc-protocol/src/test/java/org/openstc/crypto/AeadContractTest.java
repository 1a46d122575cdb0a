package org.openstc.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link Aead} contract, for every provider and cipher. */
class AeadContractTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long NONCE = 42;

  static Stream<Arguments> aeads() {
    return CryptoProviders.all().stream()
        .flatMap(p -> Stream.of("AESGCM", "ChaChaPoly").map(c -> Arguments.of(p, c)));
  }

  private static Aead newAead(CryptoProvider p, String cipher, byte[] key)
      throws GeneralSecurityException {
    return p.cipher(cipher).newAead(key);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("aeads")
  void offsetsAndInPlaceGiveTheSameResult(CryptoProvider p, String cipher)
      throws GeneralSecurityException {
    byte[] key = Keys.bytes(Aead.KEY_LENGTH, RANDOM);
    byte[] ad = Keys.bytes(20, RANDOM);
    byte[] pt = Keys.bytes(100, RANDOM);
    byte[] expected = newAead(p, cipher, key).seal(NONCE, Arrays.copyOfRange(ad, 3, 13), pt);
    byte[] buf = new byte[7 + pt.length + Aead.TAG_LENGTH];
    System.arraycopy(pt, 0, buf, 7, pt.length);
    Aead aead = newAead(p, cipher, key);
    assertEquals(expected.length, aead.seal(NONCE, ad, 3, 10, buf, 7, pt.length, buf, 7));
    assertArrayEquals(expected, Arrays.copyOfRange(buf, 7, buf.length));
    assertEquals(pt.length, aead.open(NONCE, ad, 3, 10, buf, 7, expected.length, buf, 7));
    assertArrayEquals(pt, Arrays.copyOfRange(buf, 7, 7 + pt.length));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("aeads")
  void everyTamperedBitIsRejected(CryptoProvider p, String cipher)
      throws GeneralSecurityException {
    Aead aead = newAead(p, cipher, Keys.bytes(Aead.KEY_LENGTH, RANDOM));
    byte[] ad = Keys.bytes(5, RANDOM);
    byte[] sealed = aead.seal(NONCE, ad, Keys.bytes(11, RANDOM));
    for (int bit = 0; bit < sealed.length * 8; bit++) {
      byte[] bad = sealed.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(AEADBadTagException.class, () -> aead.open(NONCE, ad, bad), "bit " + bit);
    }
    for (int bit = 0; bit < ad.length * 8; bit++) {
      byte[] badAd = ad.clone();
      badAd[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(AEADBadTagException.class, () -> aead.open(NONCE, badAd, sealed), "ad " + bit);
    }
    assertThrows(AEADBadTagException.class, () -> aead.open(NONCE + 1, ad, sealed));
    assertThrows(AEADBadTagException.class, () -> aead.open(NONCE, new byte[0], sealed));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("aeads")
  void truncatedOrShortCiphertextIsRejected(CryptoProvider p, String cipher)
      throws GeneralSecurityException {
    Aead aead = newAead(p, cipher, Keys.bytes(Aead.KEY_LENGTH, RANDOM));
    byte[] sealed = aead.seal(NONCE, new byte[0], Keys.bytes(3, RANDOM));
    for (int len = 0; len < sealed.length; len++) {
      byte[] cut = Arrays.copyOf(sealed, len);
      assertThrows(AEADBadTagException.class, () -> aead.open(NONCE, new byte[0], cut));
      int n = len;
      assertThrows(AEADBadTagException.class,
          () -> aead.open(NONCE, new byte[0], 0, 0, cut, 0, n, new byte[20], 0));
    }
  }

  /** A failed open leaves no plaintext behind, and the same nonce can be opened again. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("aeads")
  void failedOpenReleasesNothingAndCanBeRetried(CryptoProvider p, String cipher)
      throws GeneralSecurityException {
    Aead aead = newAead(p, cipher, Keys.bytes(Aead.KEY_LENGTH, RANDOM));
    byte[] pt = Keys.bytes(200, RANDOM);
    byte[] sealed = aead.seal(NONCE, new byte[0], pt);
    byte[] forged = sealed.clone();
    forged[sealed.length - 1] ^= 1;
    byte[] out = new byte[pt.length];
    assertThrows(AEADBadTagException.class,
        () -> aead.open(NONCE, new byte[0], 0, 0, forged, 0, forged.length, out, 0));
    assertArrayEquals(new byte[pt.length], out, "no plaintext released on failure");
    assertArrayEquals(pt, aead.open(NONCE, new byte[0], sealed));
    assertArrayEquals(pt, aead.open(NONCE, new byte[0], sealed), "re-open (replay is the "
        + "record layer's job)");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("aeads")
  void noiseNoncesAreDistinctAndExtreme(CryptoProvider p, String cipher)
      throws GeneralSecurityException {
    Aead aead = newAead(p, cipher, Keys.bytes(Aead.KEY_LENGTH, RANDOM));
    byte[] pt = new byte[32];
    byte[] zero = aead.seal(0, new byte[0], pt);
    byte[] max = aead.seal(-1L, new byte[0], pt);
    byte[] high = aead.seal(Long.MIN_VALUE, new byte[0], pt);
    assertTrue(!Arrays.equals(zero, max) && !Arrays.equals(max, high)
        && !Arrays.equals(zero, high));
    assertArrayEquals(pt, aead.open(-1L, new byte[0], max));
    assertArrayEquals(pt, aead.open(Long.MIN_VALUE, new byte[0], high));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("aeads")
  void destroyedAeadRefusesWork(CryptoProvider p, String cipher) throws GeneralSecurityException {
    Aead aead = newAead(p, cipher, Keys.bytes(Aead.KEY_LENGTH, RANDOM));
    byte[] sealed = aead.seal(NONCE, new byte[0], new byte[1]);
    aead.destroy();
    assertTrue(aead.isDestroyed());
    assertThrows(IllegalStateException.class, () -> aead.seal(NONCE + 1, new byte[0], new byte[1]));
    assertThrows(IllegalStateException.class, () -> aead.open(NONCE, new byte[0], sealed));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("aeads")
  void keyMustBe32Bytes(CryptoProvider p, String cipher) throws GeneralSecurityException {
    CipherFunction f = p.cipher(cipher);
    assertEquals(cipher, f.name());
    for (int len : new int[] {0, 16, 24, 31, 33, 64}) {
      assertThrows(InvalidKeyException.class, () -> f.newAead(new byte[len]), "length " + len);
    }
  }
}
