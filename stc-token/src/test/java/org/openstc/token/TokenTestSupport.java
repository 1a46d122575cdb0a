package org.openstc.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openstc.crypto.Argon2Cost;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/** Helpers shared by the token tests. */
final class TokenTestSupport {
  private TokenTestSupport() {}

  /** Argon2's minimum cost: tokens with a passphrase made by tests derive their key quickly. */
  static final Argon2Cost CHEAP_KDF = new Argon2Cost(64, 1, 1);

  static IdentityFile pid(long serial, KeyType type) throws Exception {
    return IdentityFile.partition(serial, "par" + serial,
        InMemoryStaticKey.generate(type, CryptoProviders.jca()).identity());
  }

  static List<Path> filesUnder(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).forEach(out::add);
    }
    return out;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
