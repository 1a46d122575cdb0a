package org.openstc.cli.common;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.PrintWriter;

/** JSON for {@code -json} on show and list commands: pretty-printed, HTML characters unescaped. */
public final class JsonOutput {
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  private JsonOutput() {}

  public static String toJson(Object value) {
    return GSON.toJson(value);
  }

  public static void print(PrintWriter out, Object value) {
    out.println(toJson(value));
    out.flush();
  }
}
