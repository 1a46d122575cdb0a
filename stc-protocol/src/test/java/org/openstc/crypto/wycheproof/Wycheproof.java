package org.openstc.crypto.wycheproof;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.util.encoders.Hex;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.testing.Vectors;

/** Reads the Wycheproof files in {@code testdata/vectors/wycheproof}. */
final class Wycheproof {
  private Wycheproof() {}

  /** Both providers, for {@code @MethodSource}. */
  static Stream<CryptoProvider> providers() {
    return CryptoProviders.all().stream();
  }

  /** The test groups of {@code file}. */
  static List<JsonObject> groups(String file) {
    JsonObject root = Vectors.json("wycheproof/" + file).getAsJsonObject();
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement g : root.getAsJsonArray("testGroups")) {
      out.add(g.getAsJsonObject());
    }
    return out;
  }

  /** The tests of {@code group}. */
  static List<JsonObject> tests(JsonObject group) {
    JsonArray tests = group.getAsJsonArray("tests");
    List<JsonObject> out = new ArrayList<>();
    for (JsonElement t : tests) {
      out.add(t.getAsJsonObject());
    }
    return out;
  }

  static byte[] hex(JsonObject o, String field) {
    return Hex.decode(o.get(field).getAsString());
  }

  static int tcId(JsonObject test) {
    return test.get("tcId").getAsInt();
  }

  static String result(JsonObject test) {
    return test.get("result").getAsString();
  }

  static boolean hasFlag(JsonObject test, String flag) {
    for (JsonElement f : test.getAsJsonArray("flags")) {
      if (f.getAsString().equals(flag)) {
        return true;
      }
    }
    return false;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
