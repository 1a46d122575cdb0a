package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/**
 * Progress lines of the real launchers: on a terminal (a pty from {@code script}) long work
 * rewrites one stderr line with {@code \r}; through a pipe the same command prints nothing extra.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProgressOnTerminalIT {
  private static final Path ROOT =
      Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void bulkRegistrationCountsFilesOnATerminalAndPrintsNothingExtraOnAPipe() throws Exception {
    Map<String, String> env = Map.of("STC_HOST_HOME", dir.resolve("host").toString());
    hostWithPartition(env);
    Path first = identities("tty", 3);
    String tty = run(true, env, "stcsh", "client", "register", "-partition", "par1", "-dir",
        first.toString());
    for (int i = 1; i <= 3; i++) {
      assertTrue(tty.contains("\rRegistering client identities: " + i + "/3"), tty);
    }
    assertTrue(tty.contains("3 of 3 client identity file(s)"), tty);

    Path second = identities("pipe", 2);
    String piped = run(false, env, "stcsh", "client", "register", "-partition", "par1", "-dir",
        second.toString());
    assertEquals("Client identity pipe0 (pipe0.stcid) successfully registered on partition par1.\n"
        + "Client identity pipe1 (pipe1.stcid) successfully registered on partition par1.\n"
        + "2 of 2 client identity file(s) in " + second + " registered on partition par1.\n"
        + "Command Result : 0 (Success)\n", piped);
  }

  @Test
  void tokenPasswordDerivationShowsElapsedTimeOnATerminalOnly() throws Exception {
    Path pass = dir.resolve("pass.txt");
    Files.writeString(pass, "a-long-token-password\n");
    String tty = run(true, Map.of("STC_HOME", dir.resolve("a").toString()), "stccm", "stc",
        "tokeninit", "-label", "t", "-passphrase-file", pass.toString());
    assertTrue(tty.contains("\rDeriving the key from the token password (Argon2id)... 0 s"), tty);
    assertTrue(tty.contains("derived from the token password"), tty);
    String piped = run(false, Map.of("STC_HOME", dir.resolve("b").toString()), "stccm", "stc",
        "tokeninit", "-label", "t", "-passphrase-file", pass.toString());
    assertFalse(piped.contains("Deriving") || piped.contains("\r"), piped);
  }

  /** The host with partition par1 (the one place this test creates a host). */
  private static void hostWithPartition(Map<String, String> env) throws Exception {
    String so = LiveHost.soPasswordFile(Path.of(env.get("STC_HOST_HOME")).getParent()).toString();
    run(false, env, "stcsh", CheapKdf.with("hsm", "init", "-label", "progress", "-password-file", so));
    run(false, env, "stcsh", "partition", "create", "-partition", "par1", "-size", "1000000",
        "-password-file", so);
  }

  private Path identities(String prefix, int n) throws Exception {
    Path d = Files.createDirectories(dir.resolve(prefix));
    for (int i = 0; i < n; i++) {
      InMemoryStaticKey key = InMemoryStaticKey.generate(KeyType.X25519, CryptoProviders.jca());
      IdentityFile.client(prefix + i, key.identity()).write(d.resolve(prefix + i + ".stcid"));
    }
    return d;
  }

  /**
   * Runs {@code bin/<launcher> args}, stdout and stderr together: on a pty made by
   * {@code script} when {@code terminal}, else through a pipe. Requires exit status 0.
   */
  private static String run(boolean terminal, Map<String, String> env, String launcher,
      String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin").resolve(launcher).toString()));
    cmd.addAll(List.of(args));
    if (terminal) {
      StringBuilder line = new StringBuilder();
      for (String a : cmd) {
        line.append('\'').append(a.replace("'", "'\\''")).append("' ");
      }
      cmd = List.of("script", "-qec", line.toString().strip(), "/dev/null");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    return out;
  }
}
