package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.KeyType;
import org.openstc.token.ClientIdentity;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/**
 * A partition host run as {@code bin/stcsh service start} in its own process, with partition
 * {@code par1} and a client token (under {@code dir/client}) registered on it; other
 * {@code bin/stcsh} processes change the same store while the service runs.
 */
final class LiveHost implements AutoCloseable {
  private final Path root;
  private final Path hostHome;
  private final Process service;
  private final int port;

  private LiveHost(Path root, Path hostHome, Process service, int port) {
    this.root = root;
    this.hostHome = hostHome;
    this.service = service;
    this.port = port;
  }

  /** Creates the partition and the client token under {@code dir}, then starts the service. */
  static LiveHost start(Path dir) throws Exception {
    Path root = Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
    Path hostHome = dir.resolve("host");
    Path home = clientHome(dir);
    stcsh(root, hostHome, "partition", "create", "-partition", "par1", "-size", "100000");
    Path pid = dir.resolve("par1.pid");
    stcsh(root, hostHome, "partition", "stcidentity", "export", "-partition", "par1", "-file",
        pid.toString());
    TokenHome.of(home).init("t", null);
    try (Token t = Token.open(home)) {
      ClientIdentity id = t.createIdentity("client1", KeyType.X25519, null);
      Path idFile = t.exportPublic(id, dir);
      stcsh(root, hostHome, "client", "register", "-partition", "par1", "-label", "client1",
          "-file", idFile.toString());
      t.registerPartition(IdentityFile.read(pid), "par1", null);
    }
    Process service = start(root, hostHome, "service", "start", "-port", "0", "-bind",
        "127.0.0.1");
    return new LiveHost(root, hostHome, service, awaitPort(service));
  }

  static Path clientHome(Path dir) {
    return dir.resolve("client");
  }

  int port() {
    return port;
  }

  /** Runs {@code bin/stcsh args} as another process on the service's store; returns its output. */
  String stcsh(String... args) throws Exception {
    return stcsh(root, hostHome, args);
  }

  /** Waits until {@code condition} holds; false if it did not within {@code millis}. */
  static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return true;
  }

  @Override
  public void close() throws InterruptedException {
    service.destroy();
    assertTrue(service.waitFor(20, TimeUnit.SECONDS), "service did not stop on SIGTERM");
  }

  private static String stcsh(Path root, Path hostHome, String... args) throws Exception {
    Process p = start(root, hostHome, args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "stcsh " + String.join(" ", args) + "\n" + out);
    return out;
  }

  private static Process start(Path root, Path hostHome, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/stcsh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("STC_HOST_HOME", hostHome.toString());
    return pb.start();
  }

  private static int awaitPort(Process service) throws IOException {
    return awaitPort(service, Pattern.compile("STC service listening on 127\\.0\\.0\\.1:(\\d+)"));
  }

  /**
   * Reads the service's output until a line matches {@code listening} (group 1: the port), then
   * drains the rest in the background; the port.
   */
  static int awaitPort(Process service, Pattern listening) throws IOException {
    return awaitPort(service, listening, line -> {});
  }

  /** As {@link #awaitPort(Process, Pattern)}, showing {@code eachLine} every line before the port. */
  static int awaitPort(Process service, Pattern listening,
      java.util.function.Consumer<String> eachLine) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(service.getInputStream(),
        StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = reader.readLine()) != null; ) {
      seen.append(line).append('\n');
      eachLine.accept(line);
      Matcher m = listening.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> {
          try {
            reader.transferTo(java.io.Writer.nullWriter());
          } catch (IOException ignored) {
            // The service ended.
          }
        });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IOException("service ended before listening:\n" + seen);
  }
}
