package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.CheapKdf;

/**
 * The launchers, as real processes, on damaged stores: a truncated or garbled data.mdb of the host
 * or the token, and /dev/zero as an identity file. Each exits with the store or I/O error status and
 * one clear line; no process crashes (exit 134 and an hs_err file in its directory before) and the
 * damaged file is left as it was.
 */
class DamagedStoreIT {
  private static final int STORE_ERROR = 15;
  private static final int PAGE = 4096;
  @TempDir Path dir;

  @Test
  void aDamagedHostStoreIsRefusedByEveryCommand() throws Exception {
    Map<String, String> env = Map.of("STC_HOST_HOME", dir.resolve("host").toString());
    String so = LiveHost.soPasswordFile(dir).toString();
    assertEquals(0, run("stcsh", env, CheapKdf.with("hsm", "init", "-label", "t", "-password-file", so)).status);
    assertEquals(0, run("stcsh", env, "partition", "create", "-partition", "par1", "-size", "100000",
        "-password-file", so).status);
    Path data = dir.resolve("host/store/data.mdb");
    byte[] good = Files.readAllBytes(data);
    List<UnaryOperator<byte[]>> damages = damages(good);
    for (int i = 0; i < damages.size(); i++) {
      Files.write(data, damages.get(i).apply(good.clone()));
      byte[] before = Files.readAllBytes(data);
      List<String[]> cmds = new ArrayList<>();
      cmds.add(new String[] {"partition", "list"});
      if (i == 0 || i == damages.size() - 1) { // the service too, once truncated and once garbled
        cmds.add(new String[] {"service", "start", "-port", "0", "-bind", "127.0.0.1"});
      }
      for (String[] cmd : cmds) {
        Result r = run("stcsh", env, cmd);
        assertEquals(STORE_ERROR, r.status, r.out);
        assertTrue(r.out.contains("is damaged") && r.out.contains("nothing was changed"), r.out);
        assertArrayEquals(before, Files.readAllBytes(data), "the damaged file is untouched");
      }
    }
  }

  @Test
  void aDamagedTokenIsRefused() throws Exception {
    Map<String, String> env = Map.of("STC_HOME", dir.resolve("client").toString());
    assertEquals(0, run("stccm", env, "stc", "tokeninit", "-label", "t").status);
    assertEquals(0, run("stccm", env, "stc", "identitycreate", "-label", "me").status);
    Path data = dir.resolve("client/token/data.mdb");
    byte[] good = Files.readAllBytes(data);
    for (UnaryOperator<byte[]> damage : damages(good)) {
      Files.write(data, damage.apply(good.clone()));
      byte[] before = Files.readAllBytes(data);
      Result r = run("stccm", env, "stc", "identityshow");
      assertEquals(STORE_ERROR, r.status, r.out);
      assertTrue(r.out.contains("is damaged") && r.out.contains("stc tokendelete"), r.out);
      assertArrayEquals(before, Files.readAllBytes(data), "the damaged file is untouched");
    }
  }

  @Test
  void devZeroAsAnIdentityFileFailsAtOnce() throws Exception {
    Map<String, String> env = Map.of("STC_HOST_HOME", dir.resolve("host").toString());
    String so = LiveHost.soPasswordFile(dir).toString();
    assertEquals(0, run("stcsh", env, CheapKdf.with("hsm", "init", "-label", "t", "-password-file", so)).status);
    assertEquals(0, run("stcsh", env, "partition", "create", "-partition", "par1", "-size", "100000",
        "-password-file", so).status);
    Result r = run("stcsh", env, "client", "register", "-partition", "par1", "-label", "c", "-file", "/dev/zero");
    assertTrue(r.status != 0 && r.out.contains("/dev/zero is larger than 16384 bytes"), r.out);
    assertFalse(r.out.contains("OutOfMemoryError"), r.out);
  }

  /** Truncations at several sizes, garbled meta pages, the newer meta page pointing past the end. */
  private static List<UnaryOperator<byte[]>> damages(byte[] good) {
    List<UnaryOperator<byte[]>> out = new ArrayList<>();
    for (int size : new int[] {0, 100, PAGE, 2 * PAGE, good.length / 2, good.length - PAGE}) {
      out.add(b -> Arrays.copyOf(b, size));
    }
    out.add(b -> { Arrays.fill(b, 0, 2 * PAGE, (byte) 0x5a); return b; });
    out.add(b -> {
      ByteBuffer w = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
      w.putLong(144, 1L << 40).putLong(136, 1L << 30); // txnid, last page of meta page 0
      return b;
    });
    return out;
  }

  private record Result(int status, String out) {}

  /** Runs {@code bin/<tool> args} in its own directory; asserts it left no JVM crash report. */
  private Result run(String tool, Map<String, String> env, String... args) throws Exception {
    Path root = Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
    Path cwd = Files.createTempDirectory(dir, "cwd");
    List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/" + tool).toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
    assertFalse(hasCrashReport(cwd), "hs_err file: " + tool + " " + String.join(" ", args) + "\n" + out);
    assertTrue(p.exitValue() < 128, "killed by a signal: " + p.exitValue() + "\n" + out);
    return new Result(p.exitValue(), out);
  }

  private static boolean hasCrashReport(Path cwd) throws IOException {
    try (Stream<Path> files = Files.list(cwd)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("hs_err"));
    }
  }
}
