package org.openstc.perf;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.command.Role;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.KeyType;
import org.openstc.token.ClientIdentity;
import org.openstc.token.Token;
import org.openstc.token.TokenHome;

/**
 * Figure h's members: {@code count} {@link HaHost} processes started side by side, and a client
 * home whose token is registered on each partition, each host enabled, each partition initialized
 * with one Crypto Officer PIN and one cloning domain (docs/ha.md, the walk-through).
 */
final class HaMembers implements AutoCloseable {
  static final char[] CO_PIN = "perf-ha-co-pin".toCharArray();
  private static final char[] SO_PIN = "perf-ha-so-pin".toCharArray();
  private static final char[] DOMAIN = "perf-ha-domain-secret".toCharArray();

  final StcClient client;
  final List<Long> serials = new ArrayList<>();
  private final List<Process> hosts = new ArrayList<>();
  private final Path dir;

  HaMembers(int count) throws Exception {
    dir = Files.createTempDirectory("stc-perf-ha");
    Path home = dir.resolve("client");
    TokenHome.of(home).init("perf-ha", null);
    ClientIdentity id;
    try (Token t = Token.open(home)) {
      id = t.createIdentity("perf", KeyType.X25519, null);
    }
    String key = HexFormat.of().formatHex(id.identity().publicKey());
    try {
      for (int i = 0; i < count; i++) { // started together: the JVM starts overlap
        Files.createDirectories(dir.resolve("m" + i));
        hosts.add(ChildJvm.start(HaHost.class, dir.resolve("m" + i).toString(), key));
      }
      client = StcClient.open(home, null);
      for (int i = 0; i < count; i++) {
        int port = awaitReady(hosts.get(i));
        IdentityFile pid = IdentityFile.read(dir.resolve("m" + i).resolve(HaHost.IDENTITY_FILE));
        try (Token t = Token.open(home)) {
          t.registerPartition(pid, "ha" + i, null);
        }
        client.enableServer(client.config().addServer("127.0.0.1", port, "m" + i).id());
        serials.add(pid.serial());
        try (Slot s = client.openPartition(pid.serial())) {
          s.initialize("ha", SO_PIN);
          s.login(Role.PO, SO_PIN);
          s.initPin(Role.CO, CO_PIN);
          s.setCloningDomain(DOMAIN);
        }
      }
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private static int awaitReady(Process host) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
    String line = in.readLine();
    if (line == null || !line.startsWith("READY ")) {
      throw new IllegalStateException("member host did not start: " + line);
    }
    return Integer.parseInt(line.substring("READY ".length()).trim());
  }

  /** The process id of member {@code i}'s host (for its CPU time). */
  long pid(int i) {
    return hosts.get(i).pid();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    for (Process p : hosts) {
      try (PrintWriter out = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8)) {
        out.println("quit");
      }
    }
    for (Process p : hosts) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not remove " + dir + ": " + e.getMessage());
    }
  }
}
