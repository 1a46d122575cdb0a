package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.client.NtlsSlots;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Role;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * {@code bin/stccm clientconfig deploy} against one {@link SshHost} (STC, NTLS and SSH services
 * of {@code bin/stcsh service start} on loopback). NTLS: the refusals (unknown host key not
 * accepted, changed host key, wrong password, a monitor and a registration account, a partition
 * that does not exist, SSH down) each leave no client on the host; then seed 000's one-step
 * section typed into the {@code stccm} shell (the host key accepted with {@code proceed}), the
 * client encrypting on the partition over NTLS, a re-run that changes nothing, and another
 * certificate under the same name refused. STC ({@code -link stc}): the same for a client with
 * no token yet, encrypting over STC. The host's state is checked over its SSH console (the
 * running service answers) rather than by a local {@code stcsh} launcher per check.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ClientConfigDeployIT {
  private static final char[] PO = "po-pin-0001".toCharArray();
  private static final char[] CO = "co-pin-0001".toCharArray();
  private static final String ADMIN_PW = SshHost.ADMIN_PASSWORD;
  @TempDir static Path dir;
  static SshHost host;

  @BeforeAll
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
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
  void ntlsRefusalsLeaveNothingThenSeed000OneStepWorksAndIsIdempotent() throws Exception {
    Path a = dir.resolve("clientA");
    Run unknown = deploy(a, "quit\n", "admin", ADMIN_PW, "par1", host.sshPort());
    refused(unknown, ExitCode.CANCELLED, "was not accepted");
    assertTrue(unknown.out().contains("is not known yet: SHA256:"), unknown.out());
    refused(deploy(a, "", "admin", "wrong-password", "par1", host.sshPort(), "-force"),
        ExitCode.BAD_PASSWORD, "step login failed");
    refused(deploy(a, "", "mon", SshHost.MON_PASSWORD, "par1", host.sshPort(), "-force"),
        ExitCode.NOT_PERMITTED, "step client name failed");
    // the vendor's registration role could register but not check or undo: refused before
    refused(deploy(a, "", "reg", SshHost.REG_PASSWORD, "par1", host.sshPort(), "-force"),
        ExitCode.NOT_PERMITTED, "step client name failed");
    refused(deploy(a, "", "admin", ADMIN_PW, "par1,nope", host.sshPort(), "-force"),
        ExitCode.NOT_FOUND, "step assign nope failed");
    refused(deploy(a, "", "admin", ADMIN_PW, "par1", freePort(), "-force"),
        ExitCode.SERVER_DOWN, "step connect failed");
    Path b = Files.createDirectories(dir.resolve("clientB"));
    Files.writeString(b.resolve("known_hosts"), "127.0.0.1:" + host.sshPort()
        + " SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
    refused(deploy(b, "", "admin", ADMIN_PW, "par1", host.sshPort(), "-force"),
        ExitCode.HASH_MISMATCH, "CHANGED: known SHA256:AAAA");

    // seed 000, "One-Step NTLS Connection Procedure": 1. launch LunaCM (stccm); 2. clientconfig
    // deploy -server -client -partition -user -password; accept the SSH key the first time
    Path s = dir.resolve("seedClient");
    Run seed = run(s, String.join("\n", "clientconfig deploy -server 127.0.0.1 -client 127.0.0.1 "
        + "-partition par1 -user admin -password " + ADMIN_PW + " -port " + host.sshPort()
        + " -ntls-port " + host.ntlsPort(), "proceed", "slot list", "exit", ""), "stccm");
    assertTrue(seed.out().contains("is not known yet: " + host.fingerprint()), seed.out());
    assertTrue(seed.out().contains("Registered client 127.0.0.1 on the host")
        && seed.out().contains("Assigned partition par1")
        && seed.out().contains("The NTLS link works"), seed.out());
    assertTrue(seed.out().contains("Command Result : 0 (Success)"), seed.out());
    assertFalse(seed.out().contains(ADMIN_PW), "the shell masks -password: " + seed.out());
    assertTrue(seed.out().matches("(?s).*stccm:> slot list.*NTLS.*"), seed.out());
    assertTrue(console("client", "list").out().contains("registered client 1: 127.0.0.1"));
    encryptAndDecrypt(NtlsSlots.open(s, NtlsSlots.scan(s, Duration.ofSeconds(30)).slots().get(0)
        .slot(), Duration.ofSeconds(60)).orElseThrow(), "par1");
    Run again = deploy(s, "", "admin", ADMIN_PW, "par1", host.sshPort());
    assertEquals(0, again.status(), again.out());
    assertTrue(again.out().contains("registered on the host with this certificate already")
        && again.out().contains("assigned to client 127.0.0.1 already"), again.out());

    String before = console("client", "fingerprint", "-client", "127.0.0.1").out();
    Files.copy(s.resolve("known_hosts"), b.resolve("known_hosts"),
        StandardCopyOption.REPLACE_EXISTING);
    Run taken = deploy(b, "", "admin", ADMIN_PW, "par1", host.sshPort());
    assertEquals(ExitCode.ALREADY_EXISTS.code(), taken.status(), taken.out());
    assertTrue(taken.out().contains("with another certificate"), taken.out());
    assertEquals(before, console("client", "fingerprint", "-client", "127.0.0.1").out());
  }

  @Test
  void stcDeployMakesTheTokenRegistersBothSidesAndTheClientEncryptsOverStc() throws Exception {
    Path c = dir.resolve("stcClient");
    refusedStc(deploy(c, "", "admin", ADMIN_PW, "par2,nope", host.sshPort(), "-force", "-link",
        "stc", "-stc-port", Integer.toString(host.stcPort())), ExitCode.NOT_FOUND,
        "step partition identity nope failed");
    refusedStc(deploy(c, "", "mon", SshHost.MON_PASSWORD, "par2", host.sshPort(), "-link", "stc"),
        ExitCode.NOT_PERMITTED, "step partition identity par2 failed");

    Run ok = deployStc(c, "par2");
    assertEquals(0, ok.status(), ok.out());
    assertTrue(ok.out().contains("Created the client token 127.0.0.1")
        && ok.out().contains("Created the client identity 127.0.0.1 (x25519, ")
        && ok.out().contains("Uploaded 127.0.0.1.stcid")
        && ok.out().contains("Registered client 127.0.0.1 on partition par2; the host checked")
        && ok.out().matches("(?s).*Registered partition par2 \\(serial \\d+\\) in the token.*")
        && ok.out().matches("(?s).*Link State :\\s+up.*")
        && ok.out().contains("The STC links work"), ok.out());
    String fingerprint;
    try (StcClient client = StcClient.open(c, null)) {
      fingerprint = client.token().clientIdentity().orElseThrow().fingerprint();
      encryptAndDecrypt(client.openSlot(client.config().slots().get(0).slot()), "par2");
    }
    assertTrue(console("client", "list", "-partition", "par2").out().contains(fingerprint));
    Run again = deployStc(c, "par2");
    assertEquals(0, again.status(), again.out());
    assertTrue(again.out().contains("Using the client identity 127.0.0.1")
        && again.out().contains("registered on partition par2 already")
        && again.out().contains("registered in the token already")
        && again.out().contains("is server 0 already"), again.out());

    Path d = Files.createDirectories(dir.resolve("stcOther"));
    Files.copy(c.resolve("known_hosts"), d.resolve("known_hosts"));
    Run taken = deployStc(d, "par2");
    assertEquals(ExitCode.ALREADY_EXISTS.code(), taken.status(), taken.out());
    assertTrue(taken.out().contains("step client name failed")
        && taken.out().contains("with another identity"), taken.out());
    String list = console("client", "list", "-partition", "par2").out();
    assertTrue(list.contains(fingerprint) && list.contains("1 client(s)"), list);
  }

  private void refused(Run run, ExitCode code, String message) throws Exception {
    assertEquals(code.code(), run.status(), run.out());
    assertTrue(run.out().contains(message), run.out());
    assertTrue(console("client", "list").out().contains("No clients are registered."),
        run.out());
  }

  private void refusedStc(Run run, ExitCode code, String message) throws Exception {
    assertEquals(code.code(), run.status(), run.out());
    assertTrue(run.out().contains(message), run.out());
    assertTrue(console("client", "list", "-partition", "par2").out()
        .contains("0 client(s) registered on partition par2."), run.out());
  }

  private static void encryptAndDecrypt(Slot opened, String label) throws Exception {
    try (Slot slot = opened) {
      slot.initialize(label, PO);
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

  private Run deployStc(Path home, String partitions) throws Exception {
    return deploy(home, "", "admin", ADMIN_PW, partitions, host.sshPort(), "-link", "stc",
        "-stc-port", Integer.toString(host.stcPort()));
  }

  private Run deploy(Path home, String stdin, String user, String password, String partitions,
      int port, String... extra) throws Exception {
    Path pw = dir.resolve("pw-" + user);
    OwnerOnlyFiles.write(pw, (password + "\n").getBytes(StandardCharsets.UTF_8));
    List<String> args = new ArrayList<>(List.of("clientconfig", "deploy", "-server",
        "127.0.0.1", "-client", "127.0.0.1", "-partition", partitions, "-user", user,
        "-password-file", pw.toString(), "-port", Integer.toString(port), "-ntls-port",
        Integer.toString(host.ntlsPort())));
    args.addAll(List.of(extra));
    return run(home, stdin, "stccm", args.toArray(new String[0]));
  }

  /**
   * {@code args} run by the host's own SSH console as admin ({@code ssh admin@127.0.0.1 args}):
   * the running service answers, so checking the host costs no launcher JVM per check.
   */
  private static SshHost.Result console(String... args) throws Exception {
    return SshHost.expect(0, host.sshAdmin(null, args));
  }

  private static int freePort() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private record Run(int status, String out) {}

  private Run run(Path home, String stdin, String tool, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(host.root().resolve("bin/" + tool).toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("STC_HOME", home.toString());
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), tool + " did not end");
    return new Run(p.exitValue(), out);
  }
}
