package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.Await;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.KeyType;
import org.openstc.token.ClientIdentity;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/**
 * Issue 5's live effect across processes: the host runs as {@code bin/stcsh service start}; a
 * client holds an open channel; {@code bin/stcsh client deregister}, a second process on the same
 * store, deregisters it; the running host closes that channel within a couple of seconds.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // real host and stcsh processes: about 50 s unloaded
class LiveDeregistrationIT {
  @TempDir Path dir;

  @Test
  void deregistrationByAnotherProcessClosesTheOpenChannel() throws Exception {
    Path root = Path.of(System.getProperty("stc.repo.root", "..")).toAbsolutePath().normalize();
    Path hostHome = dir.resolve("host");
    Path home = dir.resolve("client");
    stcsh(root, hostHome, "partition", "create", "-partition", "par1", "-size", "100000");
    Path pid = dir.resolve("par1.pid");
    stcsh(root, hostHome, "partition", "stcidentity", "export", "-partition", "par1", "-file",
        pid.toString());
    TokenHome.of(home).init("t", null);
    try (Token t = Token.open(home)) {
      ClientIdentity id = t.createIdentity("client1", KeyType.X25519, null);
      Path idFile = t.exportPublic(id, dir);
      stcsh(root, hostHome, "client", "register", "-partition", "par1", "-label", "client1",
          "-file", idFile.toString());
      t.registerPartition(IdentityFile.read(pid), "par1", null);
    }
    Process service = start(root, hostHome, "service", "start", "-port", "0", "-bind", "127.0.0.1");
    try {
      int port = awaitPort(service);
      try (StcClient client = StcClient.open(home, null)) {
        client.enableServer(client.config().addServer("127.0.0.1", port, null).id());
        try (Slot slot = client.openSlot(0)) {
          assertEquals(3, slot.echo(new byte[] {1, 2, 3}).length);
          stcsh(root, hostHome, "client", "deregister", "-partition", "par1", "-label", "client1");
          Await.until("the host to close the deregistered client's channel",
              Duration.ofSeconds(20), () -> !slot.connection().isOpen());
          StcClientException e = assertThrows(StcClientException.class,
              () -> slot.echo(new byte[] {4}));
          assertEquals(StcClientException.Kind.NOT_REGISTERED, e.kind(), e.getMessage());
        }
      }
    } finally {
      service.destroy();
      assertTrue(service.waitFor(20, TimeUnit.SECONDS), "service did not stop on SIGTERM");
    }
  }

  private static String stcsh(Path root, Path hostHome, String... args) throws Exception {
    Process p = start(root, hostHome, args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "stcsh " + String.join(" ", args) + "\n" + out);
    return out;
  }

  private static Process start(Path root, Path hostHome, String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("bin/stcsh").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("STC_HOST_HOME", hostHome.toString());
    return pb.start();
  }

  private static int awaitPort(Process service) throws IOException {
    Pattern listening = Pattern.compile("STC service listening on 127\\.0\\.0\\.1:(\\d+)");
    var reader = new java.io.BufferedReader(new java.io.InputStreamReader(
        service.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = reader.readLine()) != null; ) {
      seen.append(line).append('\n');
      Matcher m = listening.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> {
          try {
            reader.transferTo(java.io.Writer.nullWriter());
          } catch (IOException ignored) {
            // The service ended.
          }
        });
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IOException("service ended before listening:\n" + seen);
  }
}
