package org.openstc.jca;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's keytool and jarsigner, and openssl, as processes with a deadline. */
final class Tools {
  record Result(int exit, String output) {}

  private Tools() {}

  static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /**
   * The options that load the provider in keytool ({@code -providerPath}) or jarsigner (which has
   * no such option: {@code -J-cp}) from this test's class path.
   */
  static List<String> providerOptions(String config, boolean keytool) {
    String cp = System.getProperty("java.class.path");
    return List.of("-storetype", "OpenSTC", "-providerClass", OpenStcProvider.class.getName(),
        "-providerArg", config, keytool ? "-providerPath" : "-J-cp", keytool ? cp : "-J" + cp,
        "-J--add-modules=jdk.unsupported", "-J--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-J--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
  }

  static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "tool", ".out");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(String.join(" ", command) + " did not finish in 90 s:\n" + Files.readString(out));
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  static List<String> command(String tool, List<String> head, List<String> tail) {
    List<String> c = new ArrayList<>();
    c.add(tool);
    c.addAll(head);
    c.addAll(tail);
    return c;
  }
}
