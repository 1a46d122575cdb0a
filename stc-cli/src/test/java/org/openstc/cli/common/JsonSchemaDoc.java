package org.openstc.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "JSON output schemas" tables of a doc (docs/stccm.md, docs/partition-host.md): per command,
 * whether the document is an array, and each top-level field's type ("number", "string or null",
 * "number, only if ..."). {@link #check} holds a command's stdout to its table.
 */
public final class JsonSchemaDoc {
  private static final Pattern HEADING = Pattern.compile("^#### `(.+) -json`( \\(array\\))?\\s*$");
  private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| ([^|]+) \\|");

  /** One command's table: {@code array} when the document is an array of such objects. */
  public record Schema(boolean array, Map<String, String> fields) {}

  private final Map<String, Schema> schemas = new LinkedHashMap<>();

  private JsonSchemaDoc() {}

  /** Reads {@code docs/<name>} from the repository root (or -Dstc.repo.root). */
  public static JsonSchemaDoc read(String name) throws IOException {
    String root = System.getProperty("stc.repo.root");
    for (Path p : new Path[] {root == null ? null : Path.of(root, "docs", name),
        Path.of("..", "docs", name), Path.of("docs", name)}) {
      if (p != null && Files.isRegularFile(p)) {
        return parse(Files.readString(p));
      }
    }
    throw new IOException("docs/" + name + " not found (set -Dstc.repo.root)");
  }

  static JsonSchemaDoc parse(String text) {
    JsonSchemaDoc doc = new JsonSchemaDoc();
    Map<String, String> fields = null;
    for (String line : text.split("\\R")) {
      Matcher h = HEADING.matcher(line);
      Matcher r = ROW.matcher(line);
      if (h.matches()) {
        fields = new LinkedHashMap<>();
        doc.schemas.put(h.group(1), new Schema(h.group(2) != null, fields));
      } else if (line.startsWith("#")) {
        fields = null;
      } else if (fields != null && r.find() && !r.group(1).equals("field")) {
        fields.put(r.group(1), r.group(2).trim());
      }
    }
    return doc;
  }

  public Map<String, Schema> schemas() {
    return schemas;
  }

  /** Asserts that {@code stdout} is JSON with exactly the documented top-level fields and types. */
  public void check(String command, String stdout) {
    Schema s = schemas.get(command);
    assertNotNull(s, "no JSON schema table for `" + command + " -json`");
    assertTrue(!s.fields().isEmpty(), "empty schema table for " + command);
    JsonElement doc = JsonParser.parseString(stdout);
    if (s.array()) {
      assertTrue(doc.isJsonArray() && doc.getAsJsonArray().size() > 0, command + ": expected a non-empty array: " + stdout);
      doc.getAsJsonArray().forEach(e -> checkObject(command, s, e));
    } else {
      checkObject(command, s, doc);
    }
  }

  private static void checkObject(String command, Schema s, JsonElement e) {
    assertTrue(e.isJsonObject(), command + ": expected an object: " + e);
    JsonObject o = e.getAsJsonObject();
    for (String key : o.keySet()) {
      assertTrue(s.fields().containsKey(key), command + ": field `" + key + "` is not documented");
    }
    s.fields().forEach((name, type) -> {
      if (!o.has(name)) {
        assertTrue(type.contains("only if"), command + ": documented field `" + name + "` is missing");
        return;
      }
      JsonElement v = o.get(name);
      if (v.isJsonNull()) {
        assertTrue(type.contains("or null"), command + ": `" + name + "` is null but documented as " + type);
        return;
      }
      String base = type.split("[ ,]")[0];
      assertEquals(base, typeOf(v), command + ": type of `" + name + "`");
    });
  }

  private static String typeOf(JsonElement v) {
    if (v.isJsonArray()) {
      return "array";
    }
    if (v.isJsonObject()) {
      return "object";
    }
    var p = v.getAsJsonPrimitive();
    return p.isNumber() ? "number" : p.isBoolean() ? "boolean" : "string";
  }
}
