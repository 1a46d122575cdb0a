package org.openstc.perf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a class of this harness in a child JVM: same java, classpath and module opens, plus the
 * options in {@code $STC_PERF_CHILD_OPTS}.
 */
final class ChildJvm {
  private ChildJvm() {}

  static Process start(Class<?> main, String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path")));
    String extra = System.getenv("STC_PERF_CHILD_OPTS"); // e.g. -XX:ThreadPriorityPolicy=1
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }
}
