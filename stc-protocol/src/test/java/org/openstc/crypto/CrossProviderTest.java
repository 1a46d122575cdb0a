package org.openstc.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A key, a ciphertext or a digest made by one provider is the same, and usable, in the other. */
class CrossProviderTest {
  private static final CryptoProvider JCA = CryptoProviders.jca();
  private static final CryptoProvider BC = CryptoProviders.bouncyCastle();
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void allListsJcaBcThenTuned() {
    assertEquals(3, CryptoProviders.all().size());
    assertEquals("JCA", CryptoProviders.all().get(0).name());
    assertEquals("BC", CryptoProviders.all().get(1).name());
    assertEquals("TUNED", CryptoProviders.all().get(2).name());
  }

  @ParameterizedTest
  @ValueSource(strings = {"25519", "448", "P256", "P521"})
  void samePrivateKeyGivesSamePublicKeyAndSecret(String dh) throws GeneralSecurityException {
    byte[] aPriv = Keys.randomPrivate(dh, RANDOM);
    byte[] bPriv = Keys.randomPrivate(dh, RANDOM);
    DhKeyPair aJca = JCA.dh(dh).fromPrivateKey(aPriv);
    DhKeyPair aBc = BC.dh(dh).fromPrivateKey(aPriv);
    DhKeyPair bJca = JCA.dh(dh).fromPrivateKey(bPriv);
    DhKeyPair bBc = BC.dh(dh).fromPrivateKey(bPriv);
    assertArrayEquals(aJca.publicKey(), aBc.publicKey(), "public key of a");
    assertArrayEquals(bJca.publicKey(), bBc.publicKey(), "public key of b");
    byte[] secret = aJca.agree(bJca.publicKey());
    assertEquals(JCA.dh(dh).sharedSecretLength(), secret.length);
    assertArrayEquals(secret, aBc.agree(bBc.publicKey()));
    assertArrayEquals(secret, bJca.agree(aBc.publicKey()));
    assertArrayEquals(secret, bBc.agree(aJca.publicKey()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"25519", "448", "P256", "P521"})
  void generatedKeysWorkAcrossProviders(String dh) throws GeneralSecurityException {
    DhKeyPair a = JCA.dh(dh).generateKeyPair(RANDOM);
    DhKeyPair b = BC.dh(dh).generateKeyPair(RANDOM);
    JCA.dh(dh).validatePublicKey(b.publicKey());
    BC.dh(dh).validatePublicKey(a.publicKey());
    assertArrayEquals(a.agree(b.publicKey()), b.agree(a.publicKey()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"25519", "448", "P256", "P521"})
  void lengthsAgree(String dh) throws NoSuchAlgorithmException {
    DhFunction j = JCA.dh(dh);
    DhFunction b = BC.dh(dh);
    assertEquals(j.publicKeyLength(), b.publicKeyLength());
    assertEquals(j.privateKeyLength(), b.privateKeyLength());
    assertEquals(j.sharedSecretLength(), b.sharedSecretLength());
    assertEquals(dh, b.name());
  }

  @ParameterizedTest
  @ValueSource(strings = {"AESGCM", "ChaChaPoly"})
  void sealInOneOpenInTheOther(String cipher) throws GeneralSecurityException {
    byte[] key = new byte[Aead.KEY_LENGTH];
    RANDOM.nextBytes(key);
    byte[] ad = "header".getBytes(StandardCharsets.UTF_8);
    byte[] pt = "a record".getBytes(StandardCharsets.UTF_8);
    Aead j = JCA.cipher(cipher).newAead(key);
    Aead b = BC.cipher(cipher).newAead(key);
    byte[] ct = j.seal(0x0102030405060708L, ad, pt);
    assertArrayEquals(ct, b.seal(0x0102030405060708L, ad, pt));
    assertArrayEquals(pt, b.open(0x0102030405060708L, ad, ct));
    assertArrayEquals(pt, j.open(0x0102030405060708L, ad, ct));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA256", "SHA512"})
  void hashesAgree(String name) throws NoSuchAlgorithmException {
    HashFunction j = JCA.hash(name);
    HashFunction b = BC.hash(name);
    byte[] key = new byte[200];
    byte[] msg = new byte[300];
    RANDOM.nextBytes(key);
    RANDOM.nextBytes(msg);
    assertEquals(j.hashLength(), b.hashLength());
    assertEquals(j.blockLength(), b.blockLength());
    assertArrayEquals(j.hash(msg, key), b.hash(msg, key));
    assertArrayEquals(j.hmac(key, msg), b.hmac(key, msg));
    assertArrayEquals(j.hmac(new byte[0], msg), b.hmac(new byte[0], msg));
    assertArrayEquals(j.hkdf(new byte[0], key, msg, 3 * j.hashLength()),
        b.hkdf(new byte[0], key, msg, 3 * b.hashLength()));
  }

  @Test
  void everySupportedNameResolvesAndJcaIsASubsetOfBc() throws NoSuchAlgorithmException {
    assertTrue(BC.supported().containsAll(JCA.supported()));
    for (CryptoProvider p : CryptoProviders.all()) {
      for (String name : p.supported()) {
        assertTrue(resolves(p, name), p + " lists " + name + " but does not provide it");
      }
      assertThrows(NoSuchAlgorithmException.class, () -> p.dh("25518"));
      assertThrows(NoSuchAlgorithmException.class, () -> p.cipher("AESCCM"));
      assertThrows(NoSuchAlgorithmException.class, () -> p.hash("MD5"));
    }
  }

  private static boolean resolves(CryptoProvider p, String name) {
    int found = 0;
    try {
      found += p.dh(name).name().equals(name) ? 1 : 0;
    } catch (NoSuchAlgorithmException e) {
      // not a DH name
    }
    try {
      found += p.cipher(name).name().equals(name) ? 1 : 0;
    } catch (NoSuchAlgorithmException e) {
      // not a cipher name
    }
    try {
      found += p.hash(name).name().equals(name) ? 1 : 0;
    } catch (NoSuchAlgorithmException e) {
      // not a hash name
    }
    return found == 1;
  }
}
