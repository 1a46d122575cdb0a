package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.partition.store.HostStore;

/**
 * The SSH service in-process with MINA's own client: password logins on the accounts, the exit
 * status of one command, and the confinement of commands run over SSH (no other host home, no
 * file outside the account's area, an SO login that is the session's alone).
 */
class SshServiceTest {
  static final String ADMIN_PW = "admin-pass-1";
  static final Duration T = Duration.ofSeconds(30);
  @TempDir Path home;
  StcShHarness h;
  HostStore store;
  SshService ssh;
  SshClient client;
  final AtomicReference<PublicKey> served = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    h = StcShHarness.initialized(home);
    assertEquals(0, h.run("user", "add", "-u", "admin", "-role", "admin", "-password", ADMIN_PW), h::both);
    Path pw = home.resolve("test-admin.pw");
    org.openstc.identity.internal.OwnerOnlyFiles.write(pw, (ADMIN_PW + "\n").getBytes(StandardCharsets.UTF_8));
    h.env.put(AdminLogin.USER_ENV, "admin"); // the local commands of the test run as admin
    h.env.put(AdminLogin.PASSWORD_FILE_ENV, pw.toString());
    store = HostStore.open(home);
    store.unseal(SoSession.key(home).orElseThrow());
    ssh = SshService.start(store, "127.0.0.1", 0, SshService.DEFAULT_IDLE);
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier((session, address, key) -> {
      served.set(key);
      return true;
    });
    client.start();
  }

  @AfterEach
  void stop() throws Exception {
    client.stop();
    ssh.close();
    store.close();
  }

  @Test
  void aPasswordLoginRunsOneCommandAndReturnsItsExitStatus() throws Exception {
    try (ClientSession s = login("admin", ADMIN_PW)) {
      Exec ok = exec(s, "user list");
      assertEquals(0, ok.status, ok.out);
      assertTrue(ok.out.contains("admin") && ok.out.contains("Command Result : 0"), ok.out);
      Exec missing = exec(s, "user show -u nobody");
      assertEquals(6, missing.status, missing.out);
      Exec usage = exec(s, "no-such-command");
      assertEquals(2, usage.status, usage.out);
    }
    assertEquals(0, h.run("sysconf", "fingerprint", "ssh"), h::both);
    assertTrue(h.out.contains(KeyUtils.getFingerPrint(served.get())), h.out);
  }

  @Test
  void aWrongPasswordOrUnknownAccountIsRefusedAndAudited() throws Exception {
    assertThrows(Exception.class, () -> login("admin", "wrong-pass-1"));
    assertThrows(Exception.class, () -> login("ghost", ADMIN_PW));
    String audit = Files.readString(home.resolve("audit.log"));
    assertTrue(audit.contains("refused (password): login incorrect"), audit);
    assertTrue(audit.contains("\"account\":\"ghost\"") && audit.contains("no such account"), audit);
  }

  @Test
  void overSshCommandsStayOnThisHostAndInTheAccountsArea() throws Exception {
    Path other = home.resolveSibling(home.getFileName() + "-other");
    try (ClientSession s = login("admin", ADMIN_PW)) {
      Exec elsewhere = exec(s, "user list -home " + other);
      assertEquals(2, elsewhere.status, elsewhere.out);
      Exec init = exec(s, "hsm init -label x -password abcdefgh1 -force -home " + other);
      assertEquals(2, init.status, init.out);
      assertFalse(Files.exists(other.resolve("store")));
      Exec inArea = exec(s, "hsm init -label x -password abcdefgh1 -force -home sub");
      assertEquals(44, inArea.status, inArea.out);
      assertTrue(inArea.out.contains("-home is refused"), inArea.out);
      assertFalse(Files.exists(home.resolve("files/admin/sub")));
      Exec abs = exec(s, "sysconf cert export -file " + home.resolve("stolen.pem"));
      assertEquals(2, abs.status, abs.out);
      assertTrue(abs.out.contains("paths are refused"), abs.out);
      assertFalse(Files.exists(home.resolve("stolen.pem")));
      assertEquals(0, h.run("partition", "create", "-partition", "p1", "-size", "100000"), h::both);
      Exec pidOut = exec(s, "partition stcidentity export -partition p1 -file "
          + home.resolve("stolen.pid"));
      assertEquals(2, pidOut.status, pidOut.out);
      assertTrue(pidOut.out.contains("paths are refused"), pidOut.out);
      assertFalse(Files.exists(home.resolve("stolen.pid")));
      Exec pid = exec(s, "partition stcidentity export -partition p1");
      assertEquals(0, pid.status, pid.out);
      try (var area = Files.list(home.resolve("files/admin"))) {
        assertTrue(area.anyMatch(f -> f.getFileName().toString().endsWith(".pid")), pid.out);
      }
      assertFalse(pid.out.contains(home.toString()), "over SSH the host path is not shown: " + pid.out);
    }
  }

  @Test
  void anHsmLoginOverSshEndsWithTheSession() throws Exception {
    assertEquals(0, h.run("hsm", "logout"), h::both);
    try (ClientSession s = login("admin", ADMIN_PW)) {
      Exec in = exec(s, "hsm login -password " + StcShHarness.SO_PASSWORD);
      assertEquals(0, in.status, in.out);
    }
    assertTrue(SoSession.key(home).isEmpty(), "an SSH session's SO login leaked to the process");
  }

  @Test
  void aSessionIdleLongerThanTheIdleTimeoutIsClosedByTheHost() throws Exception {
    ssh.close();
    ssh = SshService.start(store, "127.0.0.1", 0, Duration.ofSeconds(1));
    try (ClientSession s = login("admin", ADMIN_PW)) {
      assertEquals(0, exec(s, "user list").status);
      var events = s.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), Duration.ofSeconds(20));
      assertTrue(events.contains(ClientSessionEvent.CLOSED), "still open: " + events);
    }
  }

  @Test
  void theIdleTimeoutOptionIsCheckedBeforeAnythingStarts() throws Exception {
    assertEquals(SshService.DEFAULT_IDLE, SshStart.idle(1800));
    assertEquals(Duration.ZERO, SshStart.idle(0));
    assertThrows(org.openstc.cli.common.CliException.class, () -> SshStart.idle(-1));
    assertThrows(org.openstc.cli.common.CliException.class,
        () -> SshStart.idle(SshService.MAX_IDLE_SECONDS + 1));
    assertEquals(2, h.run("service", "start", "-port", "0", "-no-ntls", "-ssh-port", "0",
        "-ssh-idle", "-5"), h::both);
    assertTrue(h.err.contains("-ssh-idle must be 0..86400"), h::both);
  }

  private ClientSession login(String user, String password) throws Exception {
    ClientSession s = client.connect(user, "127.0.0.1", ssh.port()).verify(T).getSession();
    try {
      s.addPasswordIdentity(password);
      s.auth().verify(T);
      return s;
    } catch (Exception e) {
      s.close();
      throw e;
    }
  }

  private record Exec(int status, String out) {}

  private static Exec exec(ClientSession s, String command) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ChannelExec ch = s.createExecChannel(command)) {
      ch.setOut(out);
      ch.setErr(out);
      ch.open().verify(T);
      ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), T.toMillis());
      Integer status = ch.getExitStatus();
      return new Exec(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8));
    }
  }
}
