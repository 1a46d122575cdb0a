package org.openstc.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

/**
 * The passphrase KEK: derived exactly as Bouncy Castle derives it from a char[] (so existing tokens
 * still open) but through a UTF-8 copy openstc wipes; and the raw KEK is wiped once it keys the AEAD.
 */
class KdfSecretsTest {
  private static final byte[] SALT = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  @Test
  void derivationMatchesBouncyCastlesOwnPassphraseEncoding() {
    for (String passphrase : new String[] {"correct horse", "p\u00e4ssw\u00f6rd \u20ac \ud834\udd1e", ""}) {
      for (int lanes : new int[] {1, 4}) {
        KdfParams p = new KdfParams(1024, 1, lanes, SALT);
        assertArrayEquals(bouncyCastle(p, passphrase.toCharArray()),
            p.derive(passphrase.toCharArray()), passphrase + ", " + lanes + " lanes");
      }
    }
  }

  @Test
  void anUnpairedSurrogateIsRefused() {
    KdfParams p = new KdfParams(1024, 1, 1, SALT);
    assertThrows(IllegalArgumentException.class, () -> p.derive(new char[] {'a', '\ud834'}));
  }

  @Test
  void theRawKekIsWipedOnceItKeysTheAead() throws Exception {
    byte[] kek = new byte[KdfParams.KEK_LENGTH];
    new SecureRandom().nextBytes(kek);
    KeyProtection.kekAead(kek);
    assertArrayEquals(new byte[KdfParams.KEK_LENGTH], kek);
  }

  private static byte[] bouncyCastle(KdfParams p, char[] passphrase) {
    Argon2BytesGenerator g = new Argon2BytesGenerator();
    g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(p.memoryKiB())
        .withIterations(p.iterations()).withParallelism(p.parallelism()).withSalt(p.salt()).build());
    byte[] out = new byte[KdfParams.KEK_LENGTH];
    g.generateBytes(passphrase, out);
    return out;
  }
}
