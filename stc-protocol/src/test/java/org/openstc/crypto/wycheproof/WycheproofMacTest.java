package org.openstc.crypto.wycheproof;

import static org.openstc.crypto.wycheproof.Wycheproof.hex;

import com.google.gson.JsonObject;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SignatureException;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.HashFunction;

/**
 * Wycheproof HMAC and HKDF through {@link HashFunction#hmac} and {@link HashFunction#hkdf}. All
 * cases apply (none is acceptable). HMAC has no verify method: the test verifies as a receiver
 * would, comparing the first {@code tagSize} bits in constant time; invalid cases are modified tags.
 * Invalid HKDF cases ask for more than {@code 255 * HashLen} bytes and must throw.
 */
class WycheproofMacTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void hmacSha256(CryptoProvider provider) throws GeneralSecurityException {
    hmac(provider, "hmac_sha256_test.json", "SHA256");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void hmacSha512(CryptoProvider provider) throws GeneralSecurityException {
    hmac(provider, "hmac_sha512_test.json", "SHA512");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void hkdfSha256(CryptoProvider provider) throws GeneralSecurityException {
    hkdf(provider, "hkdf_sha256_test.json", "SHA256");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void hkdfSha512(CryptoProvider provider) throws GeneralSecurityException {
    hkdf(provider, "hkdf_sha512_test.json", "SHA512");
  }

  private static void hmac(CryptoProvider provider, String file, String name)
      throws GeneralSecurityException {
    HashFunction hash = provider.hash(name);
    Tally tally = new Tally(provider.name(), file);
    for (JsonObject group : Wycheproof.groups(file)) {
      int tagBytes = group.get("tagSize").getAsInt() / 8;
      for (JsonObject test : Wycheproof.tests(group)) {
        byte[] key = hex(test, "key");
        byte[] msg = hex(test, "msg");
        byte[] tag = hex(test, "tag");
        tally.check(Wycheproof.tcId(test), Wycheproof.result(test), null,
            () -> verify(hash, key, msg, tag, tagBytes), tag);
      }
    }
    tally.finish();
  }

  /** Returns the tag if it verifies; throws otherwise. */
  private static byte[] verify(HashFunction hash, byte[] key, byte[] msg, byte[] tag, int tagBytes)
      throws GeneralSecurityException {
    byte[] computed = Arrays.copyOf(hash.hmac(key, msg), tagBytes);
    if (!MessageDigest.isEqual(computed, tag)) {
      throw new SignatureException("HMAC tag does not verify");
    }
    return computed;
  }

  private static void hkdf(CryptoProvider provider, String file, String name)
      throws GeneralSecurityException {
    HashFunction hash = provider.hash(name);
    Tally tally = new Tally(provider.name(), file);
    for (JsonObject group : Wycheproof.groups(file)) {
      for (JsonObject test : Wycheproof.tests(group)) {
        byte[] ikm = hex(test, "ikm");
        byte[] salt = hex(test, "salt");
        byte[] info = hex(test, "info");
        int size = test.get("size").getAsInt();
        tally.check(Wycheproof.tcId(test), Wycheproof.result(test), null,
            () -> hash.hkdf(salt, ikm, info, size), hex(test, "okm"));
      }
    }
    tally.finish();
  }
}
