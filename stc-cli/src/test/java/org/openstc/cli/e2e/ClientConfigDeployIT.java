package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.client.NtlsSlots;
import org.openstc.client.Slot;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * {@code bin/stccm clientconfig deploy} against {@code bin/stcsh service start} with its SSH and
 * NTLS services on loopback: the refusals (unknown host key not accepted, changed host key, wrong
 * password, an account without the role, a partition that does not exist, SSH down) each leave
 * no client on the host; then a deploy that works end to end (the client encrypts and decrypts on
 * the partition over NTLS), a re-run that changes nothing, and another certificate under the same
 * name refused.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClientConfigDeployIT {
  private static final String ADMIN_PW = "Admin-Passw0rd-1";
  private static final String MON_PW = "Mon-Passw0rd-1";
  private static final char[] PO = "po-pin-0001".toCharArray();
  private static final char[] CO = "co-pin-0001".toCharArray();
  @TempDir Path dir;
  private Path root;
  private Map<String, String> hostEnv;
  private int sshPort;
  private int ntlsPort;

  @Test
  void refusalsLeaveNothingThenTheDeployWorksAndIsIdempotent() throws Exception {
    Process service = startHost();
    try {
      Path a = dir.resolve("clientA");
      Run unknown = deploy(a, "quit\n", "admin", ADMIN_PW, "par1", sshPort);
      refused(unknown, ExitCode.CANCELLED, "was not accepted");
      assertTrue(unknown.out().contains("is not known yet: SHA256:"), unknown.out());
      refused(deploy(a, "", "admin", "wrong-password", "par1", sshPort, "-force"),
          ExitCode.BAD_PASSWORD, "step login failed");
      Run monitor = deploy(a, "", "mon", MON_PW, "par1", sshPort, "-force");
      assertTrue(monitor.status() != 0 && monitor.out().contains("failed"), monitor.out());
      assertTrue(stcsh("client", "list").contains("No clients are registered."), monitor.out());
      refused(deploy(a, "", "admin", ADMIN_PW, "par1,nope", sshPort, "-force"),
          ExitCode.NOT_FOUND, "step assign nope failed");
      refused(deploy(a, "", "admin", ADMIN_PW, "par1", freePort(), "-force"),
          ExitCode.SERVER_DOWN, "step connect failed");
      Path b = dir.resolve("clientB");
      Files.createDirectories(b);
      Files.writeString(b.resolve("known_hosts"), "127.0.0.1:" + sshPort
          + " SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
      Run changed = deploy(b, "", "admin", ADMIN_PW, "par1", sshPort, "-force");
      refused(changed, ExitCode.HASH_MISMATCH, "CHANGED: known SHA256:AAAA");

      Run ok = deploy(a, "", "admin", ADMIN_PW, "par1", sshPort);
      assertEquals(0, ok.status(), ok.out());
      assertTrue(ok.out().contains("Registered client 127.0.0.1 on the host")
          && ok.out().contains("Assigned partition par1") && ok.out().contains("par1"), ok.out());
      assertTrue(stcsh("client", "list").contains("registered client 1: 127.0.0.1"));
      encryptAndDecrypt(a);
      Run again = deploy(a, "", "admin", ADMIN_PW, "par1", sshPort);
      assertEquals(0, again.status(), again.out());
      assertTrue(again.out().contains("registered on the host with this certificate already")
          && again.out().contains("assigned to client 127.0.0.1 already"), again.out());

      String before = stcsh("client", "fingerprint", "-client", "127.0.0.1");
      Files.copy(a.resolve("known_hosts"), b.resolve("known_hosts"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Run taken = deploy(b, "", "admin", ADMIN_PW, "par1", sshPort);
      assertEquals(ExitCode.ALREADY_EXISTS.code(), taken.status(), taken.out());
      assertTrue(taken.out().contains("with another certificate"), taken.out());
      assertEquals(before, stcsh("client", "fingerprint", "-client", "127.0.0.1"));
    } finally {
      service.destroy();
      assertTrue(service.waitFor(20, TimeUnit.SECONDS));
    }
  }

  private void refused(Run run, ExitCode code, String message) throws Exception {
    assertEquals(code.code(), run.status(), run.out());
    assertTrue(run.out().contains(message), run.out());
    assertTrue(stcsh("client", "list").contains("No clients are registered."), run.out());
  }

  private void encryptAndDecrypt(Path home) throws Exception {
    int slotNumber = NtlsSlots.scan(home, Duration.ofSeconds(30)).slots().get(0).slot();
    try (Slot slot = NtlsSlots.open(home, slotNumber, Duration.ofSeconds(60)).orElseThrow()) {
      slot.initialize("par1", PO);
      slot.login(Role.PO, PO);
      slot.initPin(Role.CO, CO);
      slot.logout();
      slot.login(Role.CO, CO);
      long key = slot.generate(ObjectType.AES256, "deployed");
      byte[] plain = "over the deployed link".getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(plain, slot.decrypt(key, slot.encrypt(key, plain, new byte[0]),
          new byte[0]));
    }
  }

  private Process startHost() throws Exception {
    root = Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
    String so = LiveHost.soPasswordFile(dir).toString();
    Path adminPw = dir.resolve("admin-password");
    OwnerOnlyFiles.write(adminPw, (ADMIN_PW + "\n").getBytes(StandardCharsets.UTF_8));
    hostEnv = Map.of("STC_HOST_HOME", dir.resolve("host").toString(), "STC_ADMIN_USER", "admin",
        "STC_ADMIN_PASSWORD_FILE", adminPw.toString());
    run(Map.of("STC_HOST_HOME", dir.resolve("host").toString()), "", "stcsh", "hsm", "init",
        "-label", "deployhost", "-password-file", so).expect0();
    run(Map.of("STC_HOST_HOME", dir.resolve("host").toString()), "", "stcsh", "user", "add",
        "-u", "admin", "-role", "admin", "-password", ADMIN_PW).expect0();
    stcsh("user", "add", "-u", "mon", "-role", "monitor", "-password", MON_PW);
    stcsh("partition", "create", "-partition", "par1", "-size", "100000", "-password-file", so);
    stcsh("sysconf", "regenCert", "-force", "-keytype", "ecdsa-p256", "-cn", "127.0.0.1",
        "-password-file", so);
    ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/stcsh").toString(), "service",
        "start", "-port", "0", "-bind", "127.0.0.1", "-ssh-port", "0", "-ntls-port", "0",
        "-htl-port", "0", "-password-file", so).redirectErrorStream(true);
    pb.environment().putAll(hostEnv);
    Process service = pb.start();
    Pattern ntls = Pattern.compile("NTLS service listening on \\S*:(\\d+)");
    sshPort = LiveHost.awaitPort(service,
        Pattern.compile("SSH service listening on 127\\.0\\.0\\.1:(\\d+)"), line -> {
          Matcher m = ntls.matcher(line);
          if (m.find()) {
            ntlsPort = Integer.parseInt(m.group(1));
          }
        });
    assertTrue(ntlsPort > 0, "the NTLS port was printed before the SSH port");
    return service;
  }

  private Run deploy(Path home, String stdin, String user, String password, String partitions,
      int port, String... extra) throws Exception {
    Path pw = dir.resolve("pw-" + user);
    OwnerOnlyFiles.write(pw, (password + "\n").getBytes(StandardCharsets.UTF_8));
    List<String> args = new ArrayList<>(List.of("clientconfig", "deploy", "-server",
        "127.0.0.1", "-client", "127.0.0.1", "-partition", partitions, "-user", user,
        "-password-file", pw.toString(), "-port", Integer.toString(port), "-ntls-port",
        Integer.toString(ntlsPort)));
    args.addAll(List.of(extra));
    return run(Map.of("STC_HOME", home.toString()), stdin, "stccm", args.toArray(new String[0]));
  }

  private String stcsh(String... args) throws Exception {
    return run(hostEnv, "", "stcsh", args).expect0();
  }

  private static int freePort() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private record Run(int status, String out) {
    String expect0() {
      assertEquals(0, status, out);
      return out;
    }
  }

  private Run run(Map<String, String> env, String stdin, String tool, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/" + tool).toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), tool + " did not end");
    return new Run(p.exitValue(), out);
  }
}
