package org.openstc.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.stc.KeyType;

/** The clear private key never appears in any file under the home, in any common encoding. */
class TokenSecretsTest {
  @TempDir Path dir;

  @Test
  void privateKeyBytesAppearInNoFile() throws Exception {
    for (KeyType type : KeyType.values()) {
      for (char[] passphrase : new char[][] {null, "s3cret".toCharArray()}) {
        Path home = dir.resolve(type.label() + (passphrase == null ? "-file" : "-pass"));
        byte[] secret = populate(home, type, passphrase);
        List<Path> files = TokenTestSupport.filesUnder(home);
        assertTrue(files.size() >= 6, files.toString());
        for (Path f : files) {
          assertAbsent(Files.readAllBytes(f), secret, f);
        }
      }
    }
  }

  @Test
  void theScanFindsAKeyWhenOneIsThere() throws Exception {
    byte[] secret = populate(dir.resolve("control"), KeyType.X25519, null);
    Path leak = dir.resolve("control/leak.bin");
    Files.write(leak, ("prefix" + HexFormat.of().formatHex(secret)).getBytes());
    assertTrue(TokenTestSupport.contains(Files.readAllBytes(leak),
        HexFormat.of().formatHex(secret).getBytes()));
  }

  private static byte[] populate(Path home, KeyType type, char[] passphrase) throws Exception {
    TokenHome.of(home).init("tok", passphrase, TokenTestSupport.CHEAP_KDF);
    try (Token t = Token.open(home)) {
      ClientIdentity id = t.createIdentity("me", type, passphrase);
      t.exportPublic(id, home.resolve("exported"));
      t.registerPartition(TokenTestSupport.pid(77, type), null, null);
      t.identity(passphrase);
      byte[] secret = t.insecurePrivateKeyForTests(passphrase);
      assertEquals(type.dh(org.openstc.crypto.CryptoProviders.jca()).privateKeyLength(), secret.length);
      return secret;
    }
  }

  private static void assertAbsent(byte[] content, byte[] secret, Path f) {
    String hex = HexFormat.of().formatHex(secret);
    byte[][] encodings = {secret, hex.getBytes(), hex.toUpperCase().getBytes(),
        Base64.getEncoder().encodeToString(secret).getBytes()};
    for (byte[] e : encodings) {
      assertFalse(TokenTestSupport.contains(content, e), "private key found in " + f);
    }
  }
}
