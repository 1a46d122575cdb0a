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
import org.junit.jupiter.api.Assumptions;

/**
 * Loads public test vectors from {@code ../shared/vectors} (or the directory named by the system
 * property {@code stc.vectors.dir}). Vectors are never copied into the project. When a file is
 * missing the test is skipped, except under {@code CI=true}, where it fails.
 */
public final class Vectors {
  private Vectors() {}

  public static Path dir() {
    String prop = System.getProperty("stc.vectors.dir");
    if (prop != null && !prop.isBlank()) {
      return Paths.get(prop);
    }
    return Paths.get("..", "..", "shared", "vectors");
  }

  /** The vector file at {@code relative}, or a skipped/failed test if it is missing. */
  public static Path file(String relative) {
    Path p = dir().resolve(relative).normalize();
    if (!Files.isReadable(p)) {
      String msg = "test vector file missing: " + p.toAbsolutePath()
          + " (set -Dstc.vectors.dir to the shared/vectors directory)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
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
