package org.openstc.identity;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/** Damaged identity files are always rejected with {@link IdentityFileException}, nothing else. */
class IdentityFileFuzzTest {
  private static final String GOOD = good();

  private static String good() {
    try {
      return IdentityFile.partition(154438865304L, "app_par1",
          InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca()).identity()).armoured();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void truncationsAreRejected() {
    String trimmed = GOOD.strip();
    qt().forAll(integers().between(0, trimmed.length() - 1))
        .checkAssert(n -> rejected(trimmed.substring(0, n)));
  }

  @Test
  void bitFlipsOutsideIgnorableWhitespaceAreRejected() {
    byte[] bytes = GOOD.getBytes(StandardCharsets.ISO_8859_1);
    qt().withExamples(2000).forAll(integers().between(0, bytes.length - 2), integers().between(0, 7))
        .assuming((i, bit) -> survivesAsSameText(bytes, i, bit))
        .checkAssert((i, bit) -> rejected(flip(bytes, i, bit)));
  }

  @Test
  void wrongArmourIsRejected() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(label -> rejected(GOOD.replace("STC PARTITION IDENTITY", label)
            .replace("-----END " + label, "-----END STC PARTITION IDENTITY")));
  }

  @Test
  void arbitraryTextIsRejected() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 600))
        .checkAssert(IdentityFileFuzzTest::rejected);
  }

  /** A flip that turns the final newline into other whitespace still parses the same file. */
  private static boolean survivesAsSameText(byte[] bytes, int i, int bit) {
    String flipped = flip(bytes, i, bit);
    return !flipped.strip().equals(GOOD.strip()) && !stripLines(flipped).equals(stripLines(GOOD));
  }

  private static String stripLines(String s) {
    return s.replaceAll("[ \\t\\x0b\\f\\r\\x1c-\\x1f]+\n", "\n").strip();
  }

  private static String flip(byte[] bytes, int i, int bit) {
    byte[] copy = bytes.clone();
    copy[i] ^= (byte) (1 << bit);
    return new String(copy, StandardCharsets.ISO_8859_1);
  }

  private static void rejected(String text) {
    assertThrows(IdentityFileException.class, () -> IdentityFile.parse(text));
  }
}
