package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.cli.e2e.SshHost.expect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH admin service driven by OpenSSH's own {@code ssh}, {@code scp} and {@code sshpass}:
 * host key checked against {@code sysconf fingerprint ssh}, public-key and password logins with
 * the host's accounts, one-command mode with the command's exit code, the {@code stcsh:>} shell on
 * stdin, role limits, the file area (scp both ways, every escape refused, nothing written
 * outside), lockout, unknown keys, and the audit lines of it all.
 */
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES) // hosts, accounts, Argon2 logins
class SshAdminIT {
  @TempDir static Path dir;
  static SshHost host;

  @BeforeAll
  static void start() throws Exception {
    host = SshHost.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void theHostKeyIsTheOneSysconfFingerprintShowsAsOpenSshComputesIt() throws Exception {
    SshHost.Result keygen = expect(0, run(List.of("ssh-keygen", "-lf",
        dir.resolve("known_hosts").toString())));
    assertTrue(keygen.out().contains(host.fingerprint()), keygen.out());
    // StrictHostKeyChecking=yes with that known_hosts: the login succeeds only with that key
    expect(0, host.sshAdmin(null, "hsm", "show"));
  }

  @Test
  void oneCommandModeReturnsTheCommandsExitCode() throws Exception {
    SshHost.Result ok = expect(0, host.sshAdmin(null, "client", "list"));
    assertTrue(ok.out().contains("Command Result : 0 (Success)"), ok.out());
    SshHost.Result missing = host.sshAdmin(null, "user", "show", "-u", "nobody");
    assertEquals(6, missing.exit(), missing.out());
    assertTrue(missing.out().contains("user nobody does not exist"), missing.out());
  }

  @Test
  void theShellRunsCommandsReadFromStdin() throws Exception {
    SshHost.Result r = expect(0, host.sshAdmin("user list\npartition list\nexit\n"));
    assertTrue(r.out().contains("stcsh:> user list"), r.out());
    assertTrue(r.out().contains("mon") && r.out().contains("par1"), r.out());
  }

  @Test
  void aMonitorCannotChangeAnythingAndSeesWhy() throws Exception {
    SshHost.Result read = expect(0, host.sshPassword("mon", SshHost.MON_PASSWORD, "user", "list"));
    assertTrue(read.out().contains("admin"), read.out());
    SshHost.Result change = host.sshPassword("mon", SshHost.MON_PASSWORD, "partition", "create",
        "-partition", "evil", "-size", "1000");
    assertEquals(44, change.exit(), change.out());
    assertTrue(change.out().contains("needs the role"), change.out());
    assertFalse(host.stcsh("partition", "list").out().contains("evil"));
  }

  @Test
  void aRegistrationAccountRegistersTheClientItUploadedAndNothingElse() throws Exception {
    Path pem = dir.resolve("regclient.pem");
    expect(0, host.stcsh("sysconf", "cert", "export", "-file", pem.toString())); // any cert will do
    Path regArea = Files.createDirectories(host.hostHome().resolve("files").resolve("reg"));
    Files.copy(pem, regArea.resolve("regclient.pem")); // as reg's scp would have placed it
    SshHost.Result reg = expect(0, host.sshPassword("reg", SshHost.REG_PASSWORD, "client",
        "register", "-client", "regclient", "-hostname", "regclient.example"));
    assertTrue(reg.out().contains("'client register' successful"), reg.out());
    expect(0, host.sshPassword("reg", SshHost.REG_PASSWORD, "my", "file", "list"));
    SshHost.Result refused = host.sshPassword("reg", SshHost.REG_PASSWORD, "client", "show");
    assertEquals(44, refused.exit(), refused.out());
  }

  @Test
  void scpBothWaysInTheFileArea() throws Exception {
    Path up = dir.resolve("client7.pem");
    Files.writeString(up, "-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n");
    expect(0, host.scp(up.toString(), "admin@127.0.0.1:"));
    Path stored = host.hostHome().resolve("files/admin/client7.pem");
    assertEquals(Files.readString(up), Files.readString(stored));
    SshHost.Result list = expect(0, host.sshAdmin(null, "my", "file", "list"));
    assertTrue(list.out().contains("client7.pem") && list.out().contains("server.pem"), list.out());
    Path down = dir.resolve("fetched-server.pem");
    expect(0, host.scp("admin@127.0.0.1:server.pem", down.toString()));
    Path exported = dir.resolve("exported.pem");
    expect(0, host.stcsh("sysconf", "cert", "export", "-file", exported.toString()));
    assertEquals(Files.readString(exported), Files.readString(down));
    expect(0, host.sshAdmin(null, "my", "file", "delete", "-file", "client7.pem"));
    assertFalse(Files.exists(stored));
    String audit = Files.readString(host.hostHome().resolve("audit.log"));
    assertTrue(audit.contains("scp upload client7.pem (") && audit.contains("scp download server.pem ("),
        audit);
  }

  @Test
  void everyEscapeFromTheFileAreaIsRefusedAndNothingIsWrittenOutside() throws Exception {
    Path x = dir.resolve("x.pem");
    Files.writeString(x, "escape\n");
    Path area = host.hostHome().resolve("files/admin");
    Files.createDirectories(area);
    Files.createSymbolicLink(area.resolve("link.pem"), dir.resolve("target.pem"));
    Files.writeString(dir.resolve("target.pem"), "outside\n");
    List<String> before = tree(host.hostHome());
    for (String target : List.of("admin@127.0.0.1:../x.pem", "admin@127.0.0.1:../../x.pem",
        "admin@127.0.0.1:" + dir.resolve("y.pem"), "admin@127.0.0.1:link.pem",
        "admin@127.0.0.1:sub/x.pem")) {
      SshHost.Result r = host.scp(x.toString(), target);
      assertNotEquals(0, r.exit(), target + ": " + r.out());
    }
    assertNotEquals(0, host.scp("admin@127.0.0.1:link.pem", dir.resolve("l.pem").toString()).exit());
    assertNotEquals(0, host.scp("admin@127.0.0.1:../so-password", dir.resolve("s").toString()).exit());
    Path big = dir.resolve("big.bin");
    Files.write(big, new byte[1024 * 1024 + 1]);
    SshHost.Result oversize = host.scp(big.toString(), "admin@127.0.0.1:");
    assertNotEquals(0, oversize.exit());
    assertTrue(oversize.out().contains("at most 1048576 bytes"), oversize.out());
    assertEquals("outside\n", Files.readString(dir.resolve("target.pem")));
    List<String> after = tree(host.hostHome());
    after.removeIf(p -> p.contains("/log/") || p.endsWith("audit.log") || p.endsWith(".json"));
    before.removeIf(p -> p.contains("/log/") || p.endsWith("audit.log") || p.endsWith(".json"));
    assertEquals(before, after);
    assertFalse(Files.exists(dir.resolve("y.pem")));
    String audit = Files.readString(host.hostHome().resolve("audit.log"));
    assertTrue(audit.contains("\"command\":\"scp ../x.pem\",\"result\":\"refused: "), audit);
    assertTrue(audit.contains("link.pem is a symbolic link"), audit);
    SshHost.Result delete = host.sshAdmin(null, "my", "file", "delete", "-file", "../so-password");
    assertEquals(2, delete.exit(), delete.out());
    assertTrue(delete.out().contains("paths are refused"), delete.out());
    assertTrue(Files.exists(dir.resolve("so-password")));
  }

  @Test
  void wrongPasswordsLockTheAccountAndUnknownKeysAreRefused() throws Exception {
    expect(0, host.stcsh("user", "add", "-u", "victim", "-role", "operator", "-password",
        "Victim-Passw0rd-1", "-user", "admin", "-user-password-file",
        dir.resolve("admin-password").toString()));
    for (int i = 0; i < 5; i++) {
      assertNotEquals(0, host.sshPassword("victim", "wrong-" + i, "client", "list").exit());
    }
    SshHost.Result locked = host.sshPassword("victim", "Victim-Passw0rd-1", "client", "list");
    assertNotEquals(0, locked.exit(), locked.out());
    assertFalse(locked.out().contains("Command Result"), locked.out());
    Path other = dir.resolve("id_other");
    expect(0, run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other.toString())));
    SshHost.Result unknown = host.sshWithKey("admin", other, "client", "list");
    assertEquals(255, unknown.exit(), unknown.out());
    assertTrue(unknown.out().contains("Permission denied"), unknown.out());
    String audit = Files.readString(host.hostHome().resolve("audit.log"));
    assertTrue(audit.contains("refused (password): login incorrect"), audit);
    assertTrue(audit.contains("refused (password): ") && audit.contains("locked"), audit);
    assertTrue(audit.contains("refused (publickey): unknown key SHA256:"), audit);
  }

  @Test
  void loginsAndCommandsAreAudited() throws Exception {
    expect(0, host.sshAdmin(null, "client", "list"));
    String audit = Files.readString(host.hostHome().resolve("audit.log"));
    assertTrue(audit.contains("\"account\":\"admin\",\"command\":\"ssh login from"), audit);
    assertTrue(audit.contains("success (publickey SHA256:"), audit);
    assertTrue(audit.contains("\"account\":\"admin\",\"command\":\"client list\""), audit);
  }

  private static List<String> tree(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return new java.util.ArrayList<>(s.map(Path::toString).sorted().toList());
    }
  }

  private static SshHost.Result run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    return new SshHost.Result(p.exitValue(), out);
  }
}
