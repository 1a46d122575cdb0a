package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed-003 flow with the real launchers as separate processes: bin/stc-demo runs bin/stcsh
 * (partition host, service in the background) and two bin/stccm sessions with their own STC_HOME.
 * Runs after {@code mvn package} (failsafe), when the launchers have their jars.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // the whole demo through real processes: about 65 s unloaded
class DemoIT {
  @TempDir Path tmp;

  @Test
  void demoRunsTheWholeFlowWithRealProcesses() throws Exception {
    Path root = Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
    Path log = tmp.resolve("demo.log");
    ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/stc-demo").toString())
        .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("TMPDIR", tmp.toString());
    Process p = pb.start();
    boolean done = p.waitFor(8, TimeUnit.MINUTES);
    String out = read(log);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    assertTrue(done, "demo did not finish in time:\n" + out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("Plaintext (text): Client1 to Client2, through the partition"), out);
    assertTrue(out.contains("stccm:> stcconfig clientregister -label client2"), out);
    assertTrue(out.contains("STC service listening on 127.0.0.1:"), out);
    assertTrue(out.contains("HSM SO password generated") && out.contains("'hsm init' successful"), out);
    try (var left = Files.list(tmp)) {
      assertEquals(1L, left.count(), "the demo must remove its temporary directory");
    }
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }
}
