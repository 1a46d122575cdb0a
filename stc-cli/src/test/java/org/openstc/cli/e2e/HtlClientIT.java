package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.cli.e2e.NtlsHost.expect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/htlclient}, the HTL client daemon of seed 001 step 12, on one host: refused without
 * an {@code -htl} server; {@code start} runs it in the background, the token moved into {@code
 * htl/SERVER.ott} brings the link up, {@code status} shows it; the server removed from the list
 * and added again while it runs (no restart); the host's service stopped and started under it
 * (the link comes back with its last secret inside the grace period, audited); {@code stop} ends
 * it (the host then shows the grace period and refuses NTLS); starting twice and stopping twice
 * are refused with exit codes. The link's state is read from the agent's status file and the
 * host's audit log (files) rather than by starting a launcher per poll.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HtlClientIT {
  private static final String SERVER = "127.0.0.1";
  @TempDir Path dir;

  @Test
  void daemonFollowsTheServerListAndSurvivesAHostRestart() throws Exception {
    try (NtlsHost host = NtlsHost.start(dir)) {
      NtlsHost.Result before = host.htlclient("status");
      assertEquals(20, before.exit(), before.out());
      assertTrue(before.out().contains("HTL client: not running"), before.out());
      NtlsHost.Result none = host.htlclient("start");
      assertEquals(2, none.exit(), none.out());
      assertTrue(none.out().contains("no server in the server list requires HTL"), none.out());
      assertTrue(host.htlclient("run", "-interval", "9").out().contains("1..5"));

      HtlLinkIT.provision(host, dir);
      Path serverPem = dir.resolve("server.pem");
      Path status = host.clientHome().resolve("htl/" + SERVER + ".status");
      Path audit = host.hostHome().resolve("audit.log");
      try {
        String started = expect(0, host.htlclient("start", "-port",
            String.valueOf(host.htlPort()), "-interval", "1")).out();
        assertTrue(started.contains("HTL client started (pid "), started);
        awaitFile(status, s -> s.startsWith("Up"));
        String up = expect(0, host.htlclient("status")).out();
        assertTrue(up.contains("HTL client: running (pid ") && up.contains("HTL status: Up")
            && up.contains("(none)"), up);
        assertTrue(expect(0, host.stcsh("htl", "show")).out().contains(
            "VM_Client           Up             In Use"));
        assertTrue(expect(0, host.vtl("verify")).out().contains("par1"));
        NtlsHost.Result twice = host.htlclient("start", "-port", String.valueOf(host.htlPort()));
        assertEquals(5, twice.exit(), twice.out());
        assertTrue(twice.out().contains("already running"), twice.out());

        // The server list changes under the running daemon: its link follows.
        expect(0, host.vtl("deleteServer", "-n", SERVER));
        awaitFile(audit, a -> count(a, "HTL link of client VM_Client down") == 1);
        expect(0, host.vtl("addServer", "-n", SERVER, "-c", serverPem.toString(), "-port",
            String.valueOf(host.ntlsPort()), "-htl"));
        awaitFile(audit, a -> count(a, "HTL link of client VM_Client up") == 2);

        // The host's service restarted under the agent: back with the last secret (grace 60 s).
        host.restart();
        awaitFile(audit, a -> count(a, "HTL link of client VM_Client up") == 3);
        String log = Files.readString(audit);
        assertEquals(2, count(log, "HTL link of client VM_Client down"), log);
        assertEquals(0, count(log, "HTL refused"), log);
        assertTrue(expect(0, host.stcsh("htl", "show")).out().contains(
            "VM_Client           Up             In Use"));
        assertTrue(expect(0, host.vtl("verify")).out().contains("par1"), "NTLS admitted again");

        assertTrue(expect(0, host.htlclient("stop")).out().contains("HTL client stopped"));
        awaitFile(audit, a -> count(a, "HTL link of client VM_Client down") == 3);
        assertTrue(expect(0, host.stcsh("htl", "show")).out().contains(
            "VM_Client           Grace Period"));
        assertNotEquals(0, host.vtl("verify").exit(), "NTLS without the HTL link");
        NtlsHost.Result again = host.htlclient("stop");
        assertEquals(20, again.exit(), again.out());
        assertTrue(again.out().contains("not running") && !again.out().contains("\tat "),
            again.out());
      } finally {
        stopLeftover(host.clientHome());
      }
    }
  }

  private static int count(String text, String line) {
    return text.split(java.util.regex.Pattern.quote(line), -1).length - 1;
  }

  /** Waits (deadline 30 s) until {@code file}'s text satisfies {@code done}. */
  private static void awaitFile(Path file, Predicate<String> done) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String text = "";
    while (System.nanoTime() < end) {
      text = read(file);
      if (done.test(text)) {
        return;
      }
      synchronized (HtlClientIT.class) {
        HtlClientIT.class.wait(50);
      }
    }
    throw new AssertionError("timed out waiting on " + file + ":\n" + text);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return ""; // being rewritten
    }
  }

  /** A daemon this test started and a failed assertion left running. */
  private static void stopLeftover(Path home) throws Exception {
    Path pid = home.resolve("htl/htlclient.pid");
    if (Files.exists(pid)) {
      long n = Long.parseLong(Files.readString(pid).trim().split(" ")[0]);
      ProcessHandle.of(n).ifPresent(ProcessHandle::destroy);
    }
  }
}
