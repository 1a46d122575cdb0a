package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.partition.store.MasterKeyBytes;

/**
 * bin/stcsh as real processes on a sealed host: hsm init (password, and 2 of 3 shares), a service
 * that will not start sealed, starts with the SO password, the shares or auto-activation; wrong
 * SO passwords counted to zeroization; hsm zeroize; and no file under the host home or the share
 * directory holds the master key or a password. Secrets the administrator types live in
 * {@code dir/secrets}, which is not scanned.
 */
@Timeout(600) // about 20 JVM starts, each unsealing with Argon2id at 64 MiB
class SealedHostIT {
  private static final String SO = "it-so-password";
  private static final Pattern LISTENING = Pattern.compile("STC service listening on 127\\.0\\.0\\.1:(\\d+)");
  @TempDir Path dir;

  private Path root() {
    return Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
  }

  private Path home() {
    return dir.resolve("host");
  }

  private Path secret(String name, String content) throws IOException {
    Path f = dir.resolve("secrets").resolve(name);
    OwnerOnlyFiles.createDirectories(f.getParent());
    OwnerOnlyFiles.write(f, content.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  record Result(int status, String out) {}

  private Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(root().resolve("bin/stcsh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("STC_HOST_HOME", home().toString());
    Process p = pb.start();
    p.getOutputStream().close(); // no terminal and no input: nothing can be asked
    return p;
  }

  private Result run(String... args) throws Exception {
    Process p = start(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), out);
  }

  private String ok(String... args) throws Exception {
    Result r = run(args);
    assertEquals(0, r.status, String.join(" ", args) + "\n" + r.out);
    return r.out;
  }

  /** Starts the service, waits for its port, checks it accepts a connection, stops it. */
  private String serveOnce(String... credential) throws Exception {
    List<String> args = new ArrayList<>(List.of("service", "start", "-port", "0", "-bind", "127.0.0.1"));
    args.addAll(List.of(credential));
    Process p = start(args.toArray(String[]::new));
    BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    try {
      for (String line; (line = reader.readLine()) != null; ) {
        seen.append(line).append('\n');
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1))), 5000);
          }
          return seen.toString();
        }
      }
      throw new AssertionError("the service did not start:\n" + seen);
    } finally {
      p.destroy();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "service did not stop on SIGTERM");
    }
  }

  @Test
  void passwordSealedHostFromInitToZeroization() throws Exception {
    Path so = secret("so", SO + "\n");
    assertTrue(ok("hsm", "init", "-label", "ithsm", "-password-file", so.toString()).contains("'hsm init' successful"));
    Result sealed = run("partition", "create", "-partition", "par1", "-size", "100000");
    assertEquals(30, sealed.status, sealed.out);
    assertTrue(sealed.out.contains("-password-file") && !sealed.out.contains("Exception"), sealed.out);
    ok("partition", "create", "-partition", "par1", "-size", "100000", "-password-file", so.toString());

    Result noSo = run("service", "start", "-port", "0", "-bind", "127.0.0.1");
    assertEquals(30, noSo.status, noSo.out);
    assertFalse(noSo.out.contains("listening"), "a sealed host serves nothing\n" + noSo.out);
    assertTrue(serveOnce("-password-file", so.toString()).contains("Host activated by the HSM SO"));

    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    Path keyFile = dir.resolve("secrets/auto.key");
    OwnerOnlyFiles.write(keyFile, random);
    ok("hsm", "autoactivation", "enable", "-keyfile", keyFile.toString(), "-password-file", so.toString());
    assertTrue(ok("hsm", "show").contains("Auto-activation: enabled"));
    assertTrue(serveOnce().contains("Host activated by auto-activation"), "unattended restart");
    ok("hsm", "autoactivation", "disable");
    assertEquals(30, run("service", "start", "-port", "0").status);

    byte[][] key = MasterKeyBytes.of(home(), SO.toCharArray());
    SecretScan.assertNowhere(home(), key[0], key[1], SO.getBytes(StandardCharsets.UTF_8));

    Path wrong = secret("wrong", "not-the-password\n");
    Result first = run("hsm", "login", "-password-file", wrong.toString());
    assertEquals(11, first.status, first.out);
    assertTrue(first.out.contains("LUNA_RET_UM_PIN_INCORRECT"), first.out);
    assertEquals(11, run("hsm", "login", "-password-file", wrong.toString()).status);
    Result third = run("hsm", "login", "-password-file", wrong.toString());
    assertEquals(31, third.status, third.out);
    assertTrue(third.out.contains("LUNA_RET_SO_LOGIN_FAILURE_THRESHOLD"), third.out);
    assertEquals(4, run("partition", "list").status);
    assertTrue(ok("hsm", "show").contains("HSM IS ZEROIZED"));
    assertFalse(Files.exists(home().resolve("master.key")));
  }

  @Test
  void twoOfThreeSharesActivateTheService() throws Exception {
    Path holders = secret("holders", "holder-pw-1\nholder-pw-2\nholder-pw-3\n");
    Path shares = dir.resolve("shares");
    ok("hsm", "init", "-label", "mofn", "-mofn", "2/3", "-sharedir", shares.toString(),
        "-sharepasswords", holders.toString());
    List<Path> files;
    try (var list = Files.list(shares)) {
      files = list.sorted().toList();
    }
    assertEquals(3, files.size());
    Path two = secret("two", "holder-pw-1\nholder-pw-3\n");
    String pair = files.get(0) + "," + files.get(2);
    ok("partition", "create", "-partition", "par1", "-size", "100000", "-shares", pair, "-sharepasswords", two.toString());
    assertTrue(serveOnce("-shares", pair, "-sharepasswords", two.toString()).contains("Host activated by the HSM SO"));
    Result one = run("service", "start", "-port", "0", "-shares", files.get(0).toString(), "-sharepasswords", two.toString());
    assertEquals(2, one.status, one.out);
    assertTrue(one.out.contains("needs 2 of its 3 shares"), one.out);
    Result wrong = run("hsm", "login", "-shares", pair, "-sharepasswords", holders.toString());
    assertEquals(11, wrong.status, "holder 2's password is not share 3's\n" + wrong.out);
    SecretScan.assertNowhere(dir.resolve("host"), "holder-pw-1".getBytes(StandardCharsets.UTF_8),
        "holder-pw-2".getBytes(StandardCharsets.UTF_8), "holder-pw-3".getBytes(StandardCharsets.UTF_8));
    SecretScan.assertNowhere(shares, "holder-pw-1".getBytes(StandardCharsets.UTF_8),
        "holder-pw-2".getBytes(StandardCharsets.UTF_8), "holder-pw-3".getBytes(StandardCharsets.UTF_8));
    ok("hsm", "zeroize", "-force");
    assertEquals(4, run("partition", "list").status);
    Result stale = run("hsm", "login", "-shares", pair, "-sharepasswords", two.toString());
    assertEquals(4, stale.status, "shares of a zeroized host unseal nothing\n" + stale.out);
  }
}
