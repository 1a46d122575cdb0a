package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * A partition host run as {@code bin/stcsh service start -ssh-port 0} on 127.0.0.1 (STC, NTLS and
 * SSH on free ports), with the accounts {@code admin} (public key {@code dir/id_admin}),
 * {@code mon} (monitor) and {@code reg} (registration), partitions {@code par1} and {@code par2}
 * and an NTLS server certificate for 127.0.0.1; OpenSSH's
 * {@code ssh}/{@code scp} (and {@code sshpass} for password logins) run against it, trusting the
 * host key that {@code sysconf fingerprint ssh} printed (a known_hosts file written from it).
 */
final class SshHost implements AutoCloseable {
  static final String ADMIN_PASSWORD = "Admin-Passw0rd-1";
  static final String MON_PASSWORD = "Mon-Passw0rd-1";
  static final String REG_PASSWORD = "Reg-Passw0rd-1";
  private final Path root;
  private final Path dir;
  private final Path hostHome;
  private final Process service;
  private int sshPort;
  private int stcPort;
  private int ntlsPort;
  private final String fingerprint;
  private final String hostKeyLine;

  private SshHost(Path root, Path dir, Process service, int sshPort, String fingerprint,
      String hostKeyLine) {
    this.root = root;
    this.dir = dir;
    this.hostHome = dir.resolve("host");
    this.service = service;
    this.sshPort = sshPort;
    this.fingerprint = fingerprint;
    this.hostKeyLine = hostKeyLine;
  }

  static SshHost start(Path dir) throws Exception {
    Path root = Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
    Path hostHome = dir.resolve("host");
    String so = LiveHost.soPasswordFile(dir).toString();
    Path adminPw = secret(dir, "admin-password", ADMIN_PASSWORD);
    Map<String, String> asAdmin = Map.of("STC_HOST_HOME", hostHome.toString(), "STC_ADMIN_USER",
        "admin", "STC_ADMIN_PASSWORD_FILE", adminPw.toString());
    expect(0, run(root, Map.of(), null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
        "admin@test", "-f", dir.resolve("id_admin").toString()));
    expect(0, run(root, asAdmin, null, "stcsh", org.openstc.cli.CheapKdf.with("hsm", "init", "-label",
        "sshhost", "-password-file", so)));
    // one stcsh shell for the rest of the setup: JVM starts are what is slow on a loaded machine
    String shown = expect(0, run(root, asAdmin, String.join("\n",
        "user add -u admin -role admin -password " + ADMIN_PASSWORD,
        "user add -u mon -role monitor -password " + MON_PASSWORD,
        "user add -u reg -role registration -password " + REG_PASSWORD,
        "partition create -partition par1 -size 100000 -password-file " + so,
        "partition create -partition par2 -size 100000 -password-file " + so,
        "sysconf regenCert -force -keytype ecdsa-p256 -cn 127.0.0.1 -password-file " + so,
        "user publickey add -u admin -file " + dir.resolve("id_admin.pub"),
        "sysconf fingerprint ssh", "exit", ""), "stcsh")).out();
    assertEquals(8, shown.split("Command Result : 0 \\(Success\\)", -1).length - 1, shown);
    Matcher print = Pattern.compile("fingerprint: (SHA256:\\S+)").matcher(shown);
    Matcher key = Pattern.compile("Public key: (ssh-ed25519 \\S+)").matcher(shown);
    assertTrue(print.find() && key.find(), shown);
    ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/stcsh").toString(), "service",
        "start", "-port", "0", "-bind", "127.0.0.1", "-ssh-port", "0", "-ntls-port", "0",
        "-htl-port", "0", "-password-file", so).redirectErrorStream(true);
    pb.environment().putAll(asAdmin);
    Process service = pb.start();
    int[] ports = new int[2];
    Pattern stc = Pattern.compile("STC service listening on \\S*:(\\d+)");
    Pattern ntls = Pattern.compile("NTLS service listening on \\S*:(\\d+)");
    int port = LiveHost.awaitPort(service,
        Pattern.compile("SSH service listening on 127\\.0\\.0\\.1:(\\d+)"), line -> {
          Matcher m = stc.matcher(line);
          Matcher n = ntls.matcher(line);
          ports[0] = m.find() ? Integer.parseInt(m.group(1)) : ports[0];
          ports[1] = n.find() ? Integer.parseInt(n.group(1)) : ports[1];
        });
    SshHost host = new SshHost(root, dir, service, port, print.group(1), key.group(1));
    host.stcPort = ports[0];
    host.ntlsPort = ports[1];
    assertTrue(host.stcPort > 0 && host.ntlsPort > 0, "the STC and NTLS ports came before SSH's");
    host.sshMovedTo(port);
    return host;
  }

  private static Path secret(Path dir, String name, String value) throws IOException {
    Path f = dir.resolve(name);
    OwnerOnlyFiles.write(f, (value + "\n").getBytes(StandardCharsets.UTF_8));
    return f;
  }

  Path hostHome() {
    return hostHome;
  }

  Path dir() {
    return dir;
  }

  Path root() {
    return root;
  }

  int sshPort() {
    return sshPort;
  }

  int stcPort() {
    return stcPort;
  }

  int ntlsPort() {
    return ntlsPort;
  }

  /** The fingerprint {@code sysconf fingerprint ssh} printed before the service started. */
  String fingerprint() {
    return fingerprint;
  }

  /** {@code ssh admin@127.0.0.1 command} with admin's key; {@code stdin} for the shell. */
  Result sshAdmin(String stdin, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ssh", "-p", Integer.toString(sshPort)));
    cmd.addAll(options("-i", dir.resolve("id_admin").toString()));
    cmd.add("admin@127.0.0.1");
    cmd.addAll(List.of(command));
    return runIn(cmd, stdin);
  }

  /** {@code sshpass -p PASSWORD ssh user@127.0.0.1 command} (password login only). */
  Result sshPassword(String user, String password, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("sshpass", "-p", password, "ssh", "-p",
        Integer.toString(sshPort)));
    cmd.addAll(options("-o", "PubkeyAuthentication=no"));
    cmd.addAll(List.of("-o", "PreferredAuthentications=password", "-o",
        "NumberOfPasswordPrompts=1", user + "@127.0.0.1"));
    cmd.addAll(List.of(command));
    return runIn(cmd, null);
  }

  /** {@code ssh} with another key ({@code keyFile}) as {@code user}. */
  Result sshWithKey(String user, Path keyFile, String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ssh", "-p", Integer.toString(sshPort)));
    cmd.addAll(options("-i", keyFile.toString()));
    cmd.add(user + "@127.0.0.1");
    cmd.addAll(List.of(command));
    return runIn(cmd, null);
  }

  /** {@code scp -O} (the SCP protocol) as admin with its key: {@code from} {@code to}. */
  Result scp(String from, String to) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("scp", "-O", "-P", Integer.toString(sshPort)));
    cmd.addAll(options("-i", dir.resolve("id_admin").toString()));
    cmd.addAll(List.of(from, to));
    return runIn(cmd, null);
  }

  private List<String> options(String flag, String value) {
    return List.of(flag, value, "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + dir.resolve("known_hosts"), "-o", "BatchMode="
            + (flag.equals("-i") ? "yes" : "no"), "-o", "ConnectTimeout=20");
  }

  /** The SSH service now listens on {@code port}: known_hosts names it there. */
  void sshMovedTo(int port) throws IOException {
    sshPort = port;
    Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKeyLine
        + "\n");
  }

  /** {@code bin/stcsh args} on the host, locally (the host's own console), logged in as admin. */
  Result stcsh(String... args) throws Exception {
    return run(root, Map.of("STC_HOST_HOME", hostHome.toString(), "STC_ADMIN_USER", "admin",
        "STC_ADMIN_PASSWORD_FILE", dir.resolve("admin-password").toString()), null, "stcsh", args);
  }

  record Result(int exit, String out) {}

  static Result expect(int exit, Result r) {
    assertEquals(exit, r.exit(), r.out());
    return r;
  }

  private Result runIn(List<String> cmd, String stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
    return finish(pb.start(), stdin, cmd.get(0));
  }

  private static Result run(Path root, Map<String, String> env, String stdin, String tool,
      String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(tool.equals("stcsh") ? root.resolve("bin/stcsh").toString() : tool);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    return finish(pb.start(), stdin, tool);
  }

  private static Result finish(Process p, String stdin, String tool) throws Exception {
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), tool + " did not end");
    return new Result(p.exitValue(), out);
  }

  @Override
  public void close() throws InterruptedException {
    service.destroy();
    assertTrue(service.waitFor(20, TimeUnit.SECONDS), "service did not stop on SIGTERM");
  }
}
