package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openstc.cli.CheapKdf;

/**
 * A partition host with partition {@code par1} and an NTLS server certificate, run as
 * {@code bin/stcsh service start} with NTLS bound to 127.0.0.1 on a free port; and the launchers
 * ({@code bin/stcsh}, {@code bin/vtl}, {@code bin/stccm}) run as processes against it.
 */
final class NtlsHost implements AutoCloseable {
  private final Path root;
  private final Path hostHome;
  private final Path clientHome;
  private Process service;
  private final int ntlsPort;
  private int htlPort;

  private NtlsHost(Path root, Path hostHome, Path clientHome, Process service, int ntlsPort) {
    this.root = root;
    this.hostHome = hostHome;
    this.clientHome = clientHome;
    this.service = service;
    this.ntlsPort = ntlsPort;
  }

  /** The one place these tests create a host: partition, certificate, binding, service. */
  static NtlsHost start(Path dir) throws Exception {
    Path root = Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
    Path hostHome = dir.resolve("host");
    Path clientHome = dir.resolve("client");
    Map<String, String> env = Map.of("STC_HOST_HOME", hostHome.toString());
    String so = LiveHost.soPasswordFile(dir).toString();
    expect(0, run(root, "stcsh", env, null, CheapKdf.with("hsm", "init", "-label", "ntlshost",
        "-password-file", so)));
    // one stcsh session for the rest: each launcher JVM start costs more than the command
    LiveHost.session(root, hostHome, "partition create -partition par1 -size 100000 -password-file " + so,
        "sysconf regenCert -force -keytype ecdsa-p256 -cn localhost -password-file " + so,
        "ntls bind -address 127.0.0.1");
    Process service = service(root, hostHome, 0, 0);
    int[] htl = new int[1];
    NtlsHost host = new NtlsHost(root, hostHome, clientHome, service, awaitNtlsPort(service, htl));
    host.htlPort = htl[0];
    return host;
  }

  /** {@code stcsh service stop}, then {@code service start} again on the same NTLS and HTL ports. */
  void restart() throws Exception {
    expect(0, stcsh("service", "stop"));
    assertTrue(service.waitFor(20, TimeUnit.SECONDS), "service did not stop");
    service = service(root, hostHome, ntlsPort, htlPort);
    int[] htl = new int[1];
    assertEquals(ntlsPort, awaitNtlsPort(service, htl));
    assertEquals(htlPort, htl[0]);
  }

  private static Process service(Path root, Path hostHome, int ntls, int htl) throws IOException {
    return start(root, "stcsh", Map.of("STC_HOST_HOME", hostHome.toString()), "service", "start",
        "-port", "0", "-bind", "127.0.0.1", "-ntls-port", String.valueOf(ntls), "-htl-port",
        String.valueOf(htl), "-password-file",
        LiveHost.soPasswordFile(hostHome.getParent()).toString());
  }

  /** The HSM SO password file of this host (for commands that need the master key). */
  String soPasswordFile() throws java.io.IOException {
    return LiveHost.soPasswordFile(hostHome.getParent()).toString();
  }

  int ntlsPort() {
    return ntlsPort;
  }

  /** The HTL service's port (service start -htl-port 0). */
  int htlPort() {
    return htlPort;
  }

  /** {@code bin/vtl args} in another client home (a clone). */
  Result vtlAt(Path home, String... args) throws Exception {
    return run(root, "vtl", Map.of("STC_HOME", home.toString()), null, args);
  }

  /** {@code bin/vtl args} left running in {@code home} (the HTL agent), output merged. */
  Process vtlBackground(Path home, String... args) throws IOException {
    return start(root, "vtl", Map.of("STC_HOME", home.toString()), args);
  }

  Path hostHome() {
    return hostHome;
  }

  Path clientHome() {
    return clientHome;
  }

  /** {@code bin/htlclient args} in the client home. */
  Result htlclient(String... args) throws Exception {
    return run(root, "htlclient", Map.of("STC_HOME", clientHome.toString()), null, args);
  }

  /** Runs {@code commands} in one {@code bin/stcsh} session (one JVM); each must succeed. */
  String session(String... commands) throws Exception {
    return LiveHost.session(root, hostHome, commands);
  }

  /** {@code bin/stcsh args} on the host's store. */
  Result stcsh(String... args) throws Exception {
    return run(root, "stcsh", Map.of("STC_HOST_HOME", hostHome.toString()), null, args);
  }

  /** {@code bin/stcsh} on the host's store, reading {@code script} as its shell input. */
  Result stcshScript(String script) throws Exception {
    return run(root, "stcsh", Map.of("STC_HOST_HOME", hostHome.toString()), script);
  }

  /** {@code bin/vtl args} in the client home. */
  Result vtl(String... args) throws Exception {
    return run(root, "vtl", Map.of("STC_HOME", clientHome.toString()), null, args);
  }

  /** {@code bin/stccm} in the client home, reading {@code script} as its shell input. */
  Result stccmScript(String script) throws Exception {
    return run(root, "stccm", Map.of("STC_HOME", clientHome.toString()), script);
  }

  /** {@code bin/stccm args} (one-shot) in the client home. */
  Result stccm(String... args) throws Exception {
    return run(root, "stccm", Map.of("STC_HOME", clientHome.toString()), null, args);
  }

  record Result(int exit, String out) {}

  static Result expect(int exit, Result r) {
    assertEquals(exit, r.exit(), r.out());
    return r;
  }

  @Override
  public void close() throws InterruptedException {
    service.destroy();
    assertTrue(service.waitFor(20, TimeUnit.SECONDS), "service did not stop on SIGTERM");
  }

  private static Result run(Path root, String tool, Map<String, String> env, String stdin,
      String... args) throws Exception {
    Process p = start(root, tool, env, args);
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), tool + " did not end");
    return new Result(p.exitValue(), out);
  }

  private static Process start(Path root, String tool, Map<String, String> env, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/" + tool).toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    return pb.start();
  }

  private static int awaitNtlsPort(Process service, int[] htlPort) throws IOException {
    Pattern htl = Pattern.compile("HTL service listening on port (\\d+)");
    return LiveHost.awaitPort(service,
        Pattern.compile("NTLS service listening on 127\\.0\\.0\\.1:(\\d+)"), line -> {
          java.util.regex.Matcher h = htl.matcher(line);
          if (h.find()) {
            htlPort[0] = Integer.parseInt(h.group(1));
          }
        });
  }
}
