package org.openstc.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.internal.EcCurves;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties over random inputs: every AEAD round-trips and both providers produce the same
 * ciphertext; every DH function gives both providers the same public key and shared secret.
 */
class CrossProviderPropertyTest {
  private static final CryptoProvider JCA = CryptoProviders.jca();
  private static final CryptoProvider BC = CryptoProviders.bouncyCastle();

  private static Gen<byte[]> bytes(int min, int max) {
    return Generate.byteArrays(Generate.range(min, max),
        Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
  }

  @Test
  void aeadRoundTripsAndAgreesAcrossProviders() {
    qt().withExamples(300)
        .forAll(bytes(Aead.KEY_LENGTH, Aead.KEY_LENGTH), longs().all(), bytes(0, 64),
            bytes(0, 2000))
        .checkAssert((key, nonce, ad, pt) -> {
          roundTrip("AESGCM", key, nonce, ad, pt);
          roundTrip("ChaChaPoly", key, nonce, ad, pt);
        });
  }

  private static void roundTrip(String cipher, byte[] key, long nonce, byte[] ad, byte[] pt) {
    try {
      Aead j = JCA.cipher(cipher).newAead(key);
      Aead b = BC.cipher(cipher).newAead(key);
      byte[] sealed = j.seal(nonce, ad, pt);
      assertArrayEquals(sealed, b.seal(nonce, ad, pt), cipher + " ciphertexts differ");
      assertArrayEquals(pt, j.open(nonce, ad, sealed), cipher + " JCA open");
      assertArrayEquals(pt, b.open(nonce, ad, sealed), cipher + " BC open");
    } catch (GeneralSecurityException e) {
      throw new AssertionError(cipher + " failed", e);
    }
  }

  @Test
  void x25519AndX448AgreeAcrossProviders() {
    qt().withExamples(100).forAll(bytes(32, 32), bytes(32, 32))
        .checkAssert((a, b) -> agree("25519", a, b));
    qt().withExamples(50).forAll(bytes(56, 56), bytes(56, 56))
        .checkAssert((a, b) -> agree("448", a, b));
  }

  @Test
  void p256AgreesAcrossProviders() {
    qt().withExamples(50).forAll(bytes(40, 40), bytes(40, 40))
        .checkAssert((a, b) -> agree("P256", scalar(EcCurves.P256, a), scalar(EcCurves.P256, b)));
  }

  /** Reduces random bytes to a fixed-length scalar in [1, n). */
  private static byte[] scalar(EcCurves curve, byte[] random) {
    BigInteger n = curve.order();
    BigInteger d = new BigInteger(1, random).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    byte[] out = new byte[curve.fieldLength()];
    curve.writeFixed(d, out, 0);
    return out;
  }

  private static void agree(String dh, byte[] aPriv, byte[] bPriv) {
    try {
      DhKeyPair aJca = JCA.dh(dh).fromPrivateKey(aPriv);
      DhKeyPair bBc = BC.dh(dh).fromPrivateKey(bPriv);
      assertArrayEquals(aJca.publicKey(), BC.dh(dh).fromPrivateKey(aPriv).publicKey());
      assertArrayEquals(bBc.publicKey(), JCA.dh(dh).fromPrivateKey(bPriv).publicKey());
      assertArrayEquals(aJca.agree(bBc.publicKey()), bBc.agree(aJca.publicKey()), dh + " secret");
    } catch (GeneralSecurityException e) {
      throw new AssertionError(dh + " failed", e);
    }
  }
}
