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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openstc.cli.CheapKdf;
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
  static final String SO_PASSWORD = "live-so-password";
  private final Path root;
  private final Path hostHome;
  private Process service;
  private int port;

  private LiveHost(Path root, Path hostHome, Process service, int port) {
    this.root = root;
    this.hostHome = hostHome;
    this.service = service;
    this.port = port;
  }

  /** Creates the partition and the client token under {@code dir}, then starts the service. */
  static LiveHost start(Path dir) throws Exception {
    return start(dir, "", Map.of());
  }

  /**
   * As {@link #start(Path)}, the service run by bash after {@code shell} (such as
   * {@code ulimit -n 256}), with {@code env} added and {@code extra} options given to start.
   */
  static LiveHost start(Path dir, String shell, Map<String, String> env, String... extra)
      throws Exception {
    Path root = Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
    Path hostHome = dir.resolve("host");
    Path home = clientHome(dir);
    String so = soPasswordFile(dir).toString();
    stcsh(root, hostHome, CheapKdf.with("hsm", "init", "-label", "livehost", "-password-file", so));
    Path pid = dir.resolve("par1.pid");
    TokenHome.of(home).init("t", null);
    try (Token t = Token.open(home)) {
      ClientIdentity id = t.createIdentity("client1", KeyType.X25519, null);
      Path idFile = t.exportPublic(id, dir);
      // one stcsh session for the rest: each launcher JVM start costs more than the command
      session(root, hostHome, "partition create -partition par1 -size 100000 -password-file " + so,
          "partition stcidentity export -partition par1 -file " + pid,
          "client register -partition par1 -label client1 -file " + idFile);
      t.registerPartition(IdentityFile.read(pid), "par1", null);
    }
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", shell + "\nexec \"$0\" \"$@\"",
        root.resolve("bin/stcsh").toString(), "service", "start", "-port", "0", "-bind",
        "127.0.0.1", "-password-file", so));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("STC_HOST_HOME", hostHome.toString());
    pb.environment().putAll(env);
    Process service = pb.start();
    return new LiveHost(root, hostHome, service, awaitPort(service));
  }

  /** The HSM SO password of test hosts, in an owner-only file {@code dir/so-password}. */
  static Path soPasswordFile(Path dir) throws IOException {
    Path file = dir.resolve("so-password");
    if (!java.nio.file.Files.exists(file)) {
      org.openstc.identity.internal.OwnerOnlyFiles.createDirectories(dir);
      org.openstc.identity.internal.OwnerOnlyFiles.write(file,
          (SO_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  static Path clientHome(Path dir) {
    return dir.resolve("client");
  }

  int port() {
    return port;
  }

  /** The service process's pid (bash exec'd it, so it is the JVM's). */
  long pid() {
    return service.pid();
  }

  /** Runs {@code bin/stcsh args} as another process on the service's store; returns its output. */
  String stcsh(String... args) throws Exception {
    return stcsh(root, hostHome, args);
  }

  /** Runs {@code bin/stcsh args} like {@link #stcsh} and returns its status whatever it is. */
  Run run(String... args) throws Exception {
    return stcshWith("", java.util.Map.of(), args);
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

  /** Runs {@code bin/stcsh args} with {@code stdin} as its input; returns exit status and output. */
  Run stcshWith(String stdin, java.util.Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/stcsh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("STC_HOST_HOME", hostHome.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Run(p.exitValue(), out);
  }

  /** A finished stcsh process. */
  record Run(int status, String out) {}

  /** Stops the service and starts it again on the same home and port (a host restart). */
  void restart() throws Exception {
    close();
    service = start(root, hostHome, "service", "start", "-port", Integer.toString(port), "-bind",
        "127.0.0.1", "-password-file", soPasswordFile(hostHome.getParent()).toString());
    port = awaitPort(service);
  }

  /** {@code kill -9} of the service: no shutdown, connections drop as the kernel closes them. */
  void kill9() throws InterruptedException {
    service.destroyForcibly();
    assertTrue(service.waitFor(20, TimeUnit.SECONDS), "service did not die on SIGKILL");
  }

  Path hostHome() {
    return hostHome;
  }

  @Override
  public void close() throws InterruptedException {
    service.destroy();
    assertTrue(service.waitFor(20, TimeUnit.SECONDS), "service did not stop on SIGTERM");
  }

  /**
   * Runs {@code commands} in one {@code bin/stcsh} shell session (one JVM) on {@code hostHome};
   * each must succeed. Returns the session's output.
   */
  static String session(Path root, Path hostHome, String... commands) throws Exception {
    Process p = start(root, hostHome);
    try (var in = p.getOutputStream()) {
      in.write((String.join("\n", commands) + "\nexit\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(commands.length, out.split("Command Result : 0 \\(Success\\)", -1).length - 1,
        String.join("\n", commands) + "\n" + out);
    return out;
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
