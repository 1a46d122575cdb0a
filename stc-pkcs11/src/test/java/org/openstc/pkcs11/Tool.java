package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command nobody here wrote (pkcs11-tool, openssl) with p11-kit pointed at a socket. */
final class Tool {
  static final String CLIENT_MODULE = "/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so";

  /** What a run printed (stdout and stderr together) and its exit status. */
  record Result(int status, String output) {}

  private Tool() {}

  static boolean installed(String command) {
    for (String dir : System.getenv("PATH").split(":")) {
      if (Path.of(dir, command).toFile().canExecute()) {
        return true;
      }
    }
    return false;
  }

  static Result run(Path socket, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("P11_KIT_SERVER_ADDRESS", "unix:path=" + socket);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running: " + command);
    return new Result(p.exitValue(), out);
  }

  /** {@code pkcs11-tool --module p11-kit-client.so args...}. */
  static Result pkcs11Tool(Path socket, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("pkcs11-tool", "--module", CLIENT_MODULE));
    cmd.addAll(List.of(args));
    return run(socket, cmd);
  }
}
