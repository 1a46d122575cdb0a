package org.openstc.crypto.wycheproof;

import static org.openstc.crypto.wycheproof.Wycheproof.concat;
import static org.openstc.crypto.wycheproof.Wycheproof.hex;

import com.google.gson.JsonObject;
import java.security.GeneralSecurityException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openstc.crypto.Aead;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.bc.BcRawIv;
import org.openstc.crypto.jca.JcaRawIv;

/**
 * Wycheproof AES-GCM and ChaCha20-Poly1305 through {@link Aead} (no acceptable cases exist).
 *
 * <p>Decision on nonces. {@link Aead} takes Noise's 64-bit counter and derives the 96-bit nonce
 * (four zero bytes, then the counter: big-endian for AESGCM, little-endian for ChaChaPoly).
 * <ul>
 *   <li>256-bit key, 96-bit nonce, 128-bit tag, nonce starting with four zero bytes: converted back
 *       to the counter and run through the public {@link Aead} interface.
 *   <li>256-bit key, 96-bit nonce, 128-bit tag, any other nonce: run through the package-private
 *       raw-nonce seam of the same keyed object the interface returned ({@link JcaRawIv},
 *       {@link BcRawIv}); the interface methods only compute the nonce and call the seam.
 *   <li>128/192-bit keys, nonces of other sizes (including the invalid empty nonce): not
 *       applicable, counted and printed. The interface cannot express them.
 * </ul>
 */
class WycheproofAeadTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void aesGcm(CryptoProvider provider) throws GeneralSecurityException {
    run(provider, "aes_gcm_test.json", "AESGCM");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.openstc.crypto.wycheproof.Wycheproof#providers")
  void chaCha20Poly1305(CryptoProvider provider) throws GeneralSecurityException {
    run(provider, "chacha20_poly1305_test.json", "ChaChaPoly");
  }

  private static void run(CryptoProvider provider, String file, String cipher)
      throws GeneralSecurityException {
    Tally tally = new Tally(provider.name(), file);
    for (JsonObject group : Wycheproof.groups(file)) {
      String shape = shapeProblem(group);
      for (JsonObject test : Wycheproof.tests(group)) {
        if (shape != null) {
          tally.notApplicable(shape);
        } else {
          runCase(provider, cipher, test, tally);
        }
      }
    }
    tally.finish();
  }

  /** Why the group's parameters cannot go through the interface, or null if they can. */
  private static String shapeProblem(JsonObject group) {
    int key = group.get("keySize").getAsInt();
    int iv = group.get("ivSize").getAsInt();
    int tag = group.get("tagSize").getAsInt();
    if (key != 8 * Aead.KEY_LENGTH) {
      return "128/192-bit key (the interface takes 256-bit keys)";
    }
    if (iv != 96) {
      return "nonce not 96 bits (Noise nonces are 96 bits)";
    }
    return tag == 8 * Aead.TAG_LENGTH ? null : "tag not 128 bits";
  }

  private static void runCase(CryptoProvider provider, String cipher, JsonObject test,
      Tally tally) throws GeneralSecurityException {
    byte[] key = hex(test, "key");
    byte[] iv = hex(test, "iv");
    byte[] aad = hex(test, "aad");
    byte[] msg = hex(test, "msg");
    byte[] sealed = concat(hex(test, "ct"), hex(test, "tag"));
    tally.note(noiseShaped(iv) ? "via Aead interface (Noise-shaped nonce)" : "via raw-nonce seam");
    Tally.Op op;
    byte[] expected;
    if (Wycheproof.result(test).equals("valid")) {
      op = () -> concat(keyed(provider, cipher, key, iv).seal(iv, aad, msg),
          keyed(provider, cipher, key, iv).open(iv, aad, sealed));
      expected = concat(sealed, msg);
    } else {
      op = () -> keyed(provider, cipher, key, iv).open(iv, aad, sealed);
      expected = msg;
    }
    tally.check(Wycheproof.tcId(test), Wycheproof.result(test), null, op, expected);
  }

  /** A fresh keyed AEAD, driven through the interface when the nonce allows it. */
  private static RawIvAead keyed(CryptoProvider provider, String cipher, byte[] key, byte[] iv)
      throws GeneralSecurityException {
    Aead aead = provider.cipher(cipher).newAead(key);
    if (noiseShaped(iv)) {
      long counter = cipher.equals("AESGCM") ? bigEndian(iv) : littleEndian(iv);
      return new RawIvAead() {
        @Override
        public byte[] seal(byte[] unused, byte[] ad, byte[] pt) throws GeneralSecurityException {
          return aead.seal(counter, ad, pt);
        }

        @Override
        public byte[] open(byte[] unused, byte[] ad, byte[] ct) throws GeneralSecurityException {
          return aead.open(counter, ad, ct);
        }
      };
    }
    // TUNED hands out one of the two providers' ciphers: the seam follows the cipher's class.
    return aead.getClass().getName().startsWith("org.openstc.crypto.jca.") ? JcaRawIv.of(aead)
        : BcRawIv.of(aead);
  }

  private static boolean noiseShaped(byte[] iv) {
    return iv.length == 12 && iv[0] == 0 && iv[1] == 0 && iv[2] == 0 && iv[3] == 0;
  }

  private static long bigEndian(byte[] iv) {
    long n = 0;
    for (int i = 4; i < 12; i++) {
      n = (n << 8) | (iv[i] & 0xff);
    }
    return n;
  }

  private static long littleEndian(byte[] iv) {
    long n = 0;
    for (int i = 11; i >= 4; i--) {
      n = (n << 8) | (iv[i] & 0xff);
    }
    return n;
  }
}
