package org.openstc.conformance.host;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link InProcessHost} in a separate JVM started with the test class path, optionally with one
 * deliberate defect from the test-fixtures module (stc-testkit), so a broken host never shares a
 * JVM with the suite that judges it.
 */
public final class HostProcess implements Closeable {
  private final Process process;
  private final int port;

  private HostProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The java launcher and class path of this test JVM, for child processes. */
  public static List<String> javaCommand(String... jvmOptions) {
    String cp = ClassPathSnapshot.get();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(List.of(jvmOptions));
    cmd.add("-cp");
    cmd.add(cp);
    return cmd;
  }

  /** Starts a host whose partitions have {@code fault} (a FaultInjectedChecks.Fault label). */
  public static HostProcess start(Path dir, String fault) throws IOException {
    List<String> cmd = javaCommand("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.add(InProcessHost.class.getName());
    cmd.add(dir.toString());
    cmd.add(fault);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    String line = out.readLine();
    if (line == null || !line.startsWith("PORT ")) {
      p.destroyForcibly();
      throw new IOException("host process did not report its port: " + line);
    }
    return new HostProcess(p, Integer.parseInt(line.substring(5).trim()));
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
