package org.openstc.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/** Helpers shared by the token tests. */
final class TokenTestSupport {
  static {
    System.setProperty(KdfParams.INSECURE_FAST, "true");
  }

  private TokenTestSupport() {}

  static void fastKdf() {
    System.setProperty(KdfParams.INSECURE_FAST, "true");
  }

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
