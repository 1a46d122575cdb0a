package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Asserts that no file under a directory contains any of some secrets' bytes. */
final class SecretScan {
  private SecretScan() {}

  static void assertNowhere(Path root, byte[]... secrets) throws Exception {
    List<Path> files;
    try (var walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(!files.isEmpty(), "nothing to scan under " + root);
    List<String> hits = new ArrayList<>();
    for (Path f : files) {
      byte[] content = Files.readAllBytes(f);
      for (int s = 0; s < secrets.length; s++) {
        if (contains(content, secrets[s])) {
          hits.add(f + " holds secret #" + s);
        }
      }
    }
    assertTrue(hits.isEmpty(), String.join("\n", hits));
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
