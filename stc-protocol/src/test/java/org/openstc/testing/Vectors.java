package org.openstc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Loads the public test vectors kept in the repository under {@code testdata/vectors} (byte-identical
 * copies of upstream files; each directory has its LICENSE and SOURCE). The directory is found by
 * walking up from the working directory, so {@code mvn -pl stc-protocol} and a run from the module
 * directory both find it. A missing directory or file fails the test: vectors are never skipped.
 */
public final class Vectors {
  static final String DIRECTORY = "testdata/vectors";

  private Vectors() {}

  /** The repository's {@code testdata/vectors}, or a failed test if no ancestor has one. */
  public static Path dir() {
    Path start = Paths.get("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      Path candidate = p.resolve(DIRECTORY);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return fail("no " + DIRECTORY + " directory above " + start);
  }

  /** The vector file at {@code relative}, or a failed test if it is missing. */
  public static Path file(String relative) {
    Path p = dir().resolve(relative).normalize();
    if (!Files.isReadable(p)) {
      fail("test vector file missing: " + p);
    }
    return p;
  }

  public static JsonElement json(String relative) {
    try (Reader r = Files.newBufferedReader(file(relative), StandardCharsets.UTF_8)) {
      return JsonParser.parseReader(r);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + relative, e);
    }
  }
}
