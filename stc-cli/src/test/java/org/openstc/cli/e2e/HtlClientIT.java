package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.cli.e2e.NtlsHost.expect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/htlclient}, the HTL client daemon of seed 001 step 12: {@code start} runs it in the
 * background for every {@code -htl} server, the token moved into {@code htl/SERVER.ott} brings
 * the link up, {@code status} shows it, {@code stop} ends it (the host then sees the grace
 * period and refuses NTLS); starting twice and stopping twice are refused with exit codes.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HtlClientIT {
  @TempDir Path dir;

  @Test
  void startStatusStop() throws Exception {
    try (NtlsHost host = NtlsHost.start(dir)) {
      NtlsHost.Result before = host.htlclient("status");
      assertEquals(20, before.exit(), before.out());
      assertTrue(before.out().contains("HTL client: not running"), before.out());
      HtlLinkIT.provision(host, dir);
      try {
        String started = expect(0, host.htlclient("start", "-port",
            String.valueOf(host.htlPort()), "-interval", "1")).out();
        assertTrue(started.contains("HTL client started (pid "), started);
        String up = await(host, "status", s -> s.contains("HTL status: Up"));
        assertTrue(up.contains("HTL client: running (pid ") && up.contains("(none)"), up);
        assertTrue(expect(0, host.stcsh("htl", "show")).out().contains(
            "VM_Client           Up             In Use"));
        assertTrue(expect(0, host.vtl("verify")).out().contains("par1"));

        NtlsHost.Result twice = host.htlclient("start", "-port", String.valueOf(host.htlPort()));
        assertEquals(5, twice.exit(), twice.out());
        assertTrue(twice.out().contains("already running"), twice.out());

        assertTrue(expect(0, host.htlclient("stop")).out().contains("HTL client stopped"));
        String grace = "";
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!grace.contains("Grace Period") && System.nanoTime() < end) {
          grace = expect(0, host.stcsh("htl", "show")).out();
        }
        assertTrue(grace.contains("VM_Client           Grace Period"), grace);
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

  @Test
  void aHomeWithoutHtlServersIsRefused() throws Exception {
    try (NtlsHost host = NtlsHost.start(dir)) {
      NtlsHost.Result r = host.htlclient("start");
      assertEquals(2, r.exit(), r.out());
      assertTrue(r.out().contains("no server in the server list requires HTL"), r.out());
      assertTrue(host.htlclient("run", "-interval", "9").out().contains("1..5"));
    }
  }

  /** Runs {@code htlclient args} until its output satisfies {@code done} (deadline 30 s). */
  private static String await(NtlsHost host, String args, Predicate<String> done)
      throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String out = "";
    while (System.nanoTime() < end) {
      out = host.htlclient(args).out();
      if (done.test(out)) {
        return out;
      }
    }
    return out;
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
