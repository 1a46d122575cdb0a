package org.openstc.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.stream.Stream;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@link HashFunction} contract and the BLAKE2 hashes only Bouncy Castle provides. */
class HashContractTest {
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  static Stream<Arguments> hashes() {
    return CryptoProviders.all().stream().flatMap(p -> p.supported().stream()
        .filter(n -> n.startsWith("SHA") || n.startsWith("BLAKE2"))
        .map(n -> Arguments.of(p, n)));
  }

  /** Noise HASHLEN and BLOCKLEN (sections 12.5-12.8) and the FIPS 180-4 / RFC 7693 "abc" KATs. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("hashes")
  void lengthsAndKnownAnswer(CryptoProvider p, String name) throws NoSuchAlgorithmException {
    HashFunction h = p.hash(name);
    assertEquals(name, h.name());
    switch (name) {
      case "SHA256": check(h, 32, 64, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); break;
      case "SHA512": check(h, 64, 128, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
          + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"); break;
      case "BLAKE2s": check(h, 32, 64, "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"); break;
      case "BLAKE2b": check(h, 64, 128, "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
          + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"); break;
      default: throw new AssertionError("untested hash " + name);
    }
  }

  private static void check(HashFunction h, int hashLen, int blockLen, String abc) {
    assertEquals(hashLen, h.hashLength());
    assertEquals(blockLen, h.blockLength());
    assertArrayEquals(Hex.decode(abc), h.hash(ABC));
    assertArrayEquals(h.hash(ABC), h.hash(new byte[] {'a'}, new byte[0], new byte[] {'b', 'c'}));
  }

  /** RFC 4231 test case 2 for the SHA-2 HMACs; HMAC keys longer than a block are hashed first. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("hashes")
  void hmacMatchesItsDefinition(CryptoProvider p, String name) throws NoSuchAlgorithmException {
    HashFunction h = p.hash(name);
    byte[] key = new byte[h.blockLength() + 1];
    key[0] = 7;
    byte[] hashedKey = h.hash(key);
    assertArrayEquals(h.hmac(hashedKey, ABC), h.hmac(key, ABC));
    assertArrayEquals(h.hmac(new byte[0], ABC), h.hmac(new byte[h.blockLength()], ABC));
    assertFalse(java.util.Arrays.equals(h.hmac(new byte[] {1}, ABC), h.hmac(new byte[0], ABC)));
    byte[] jefe = "Jefe".getBytes(StandardCharsets.US_ASCII);
    byte[] msg = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    if (name.equals("SHA256")) {
      assertArrayEquals(Hex.decode("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
          h.hmac(jefe, msg));
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("hashes")
  void hkdfLengthLimit(CryptoProvider p, String name) throws NoSuchAlgorithmException {
    HashFunction h = p.hash(name);
    assertEquals(255 * h.hashLength(), h.hkdf(new byte[0], ABC, ABC, 255 * h.hashLength()).length);
    assertThrows(IllegalArgumentException.class,
        () -> h.hkdf(new byte[0], ABC, ABC, 255 * h.hashLength() + 1));
    assertThrows(IllegalArgumentException.class, () -> h.hkdfExpand(ABC, ABC, -1));
  }

  @Test
  void blake2IsBouncyCastleOnly() {
    assertThrows(NoSuchAlgorithmException.class, () -> CryptoProviders.jca().hash("BLAKE2s"));
    assertThrows(NoSuchAlgorithmException.class, () -> CryptoProviders.jca().hash("BLAKE2b"));
  }
}
