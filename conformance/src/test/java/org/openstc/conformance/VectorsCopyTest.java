package org.openstc.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The published vectors are an exact copy of the ones the protocol module replays. */
class VectorsCopyTest {
  private static final Path ROOT = Path.of(System.getProperty("stc.repo.root", ".."));

  @Test
  void publishedCopyMatchesTheSource() throws Exception {
    Path published = ROOT.resolve("conformance/vectors/stc1_vectors.json");
    Path source = ROOT.resolve("stc-protocol/src/test/resources/stc-vectors/stc1_vectors.json");
    assertTrue(Files.exists(published), "missing " + published);
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(published),
        "conformance/vectors/stc1_vectors.json is stale: copy it again from " + source);
    JsonObject root = JsonParser.parseString(Files.readString(published, StandardCharsets.UTF_8))
        .getAsJsonObject();
    int tests = 0;
    for (var g : root.getAsJsonArray("testGroups")) {
      tests += g.getAsJsonObject().getAsJsonArray("tests").size();
    }
    assertEquals(root.get("numberOfTests").getAsInt(), tests);
    assertTrue(Files.exists(ROOT.resolve("conformance/vectors/README.md")));
  }

  @Test
  void publishedPackedVectorsMatchTheSource() throws Exception {
    Path published = ROOT.resolve("conformance/vectors/stc1_packed_vectors.json");
    Path source = ROOT.resolve("stc-protocol/src/test/resources/stc-vectors/"
        + "stc1_packed_vectors.json");
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(published),
        "conformance/vectors/stc1_packed_vectors.json is stale: copy it again from " + source);
  }
}
