package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Terminal;
import org.openstc.partition.server.HandshakeLimits;
import org.openstc.partition.server.ServerConfig;
import picocli.CommandLine;

/** {@code service start}'s handshake limit and inline budget options, and the counters {@code service status} shows. */
class ServiceOptionsTest {
  @TempDir
  Path home;

  private ServiceCommands.Start parse(String... args) {
    PrintWriter out = new PrintWriter(new StringWriter());
    ServiceCommands.Start start = new ServiceCommands.Start(new CliContext(out, out,
        Terminal.of(System.in, out), Map.of()));
    new CommandLine(start).parseArgs(args);
    return start;
  }

  @Test
  void withoutOptionsTheDocumentedDefaultsApply() {
    assertEquals(HandshakeLimits.defaults(), parse().config().handshakes());
    assertEquals(10, HandshakeLimits.defaults().preOpenTimeoutSeconds());
    assertEquals(HandshakeLimits.pendingFor(HandshakeLimits.maxFileDescriptors()),
        HandshakeLimits.defaults().maxPending());
    assertEquals(96, HandshakeLimits.pendingFor(256), "ulimit -n 256: (256 - 64) / 2");
    assertEquals(16, HandshakeLimits.pendingFor(70));
    assertEquals(1024, HandshakeLimits.pendingFor(1 << 20));
    assertEquals(256, HandshakeLimits.pendingFor(-1), "limit unknown");
    assertEquals(64, HandshakeLimits.defaults().maxPerSource());
  }

  @Test
  void eachLimitHasItsOption() {
    HandshakeLimits l = parse("-pre-open-timeout", "3", "-max-pending-handshakes", "7",
        "-max-pending-per-source", "2", "-handshake-threads", "5").config().handshakes();
    assertEquals(new HandshakeLimits(3, 7, 2, 5), l);
    assertEquals(8, parse("-max-unauthenticated", "8").config().handshakes().maxPending());
    HandshakeLimits opened = parse("-max-opened-per-partition", "9", "-max-opened-per-client",
        "1", "-max-pending-bytes", "4096").config().handshakes();
    assertEquals(HandshakeLimits.defaults().withMaxOpened(9, 1).withMaxBufferedBytes(4096),
        opened);
  }

  @Test
  void theInlineBudgetHasItsOptionInMicroseconds() {
    assertEquals(ServerConfig.DEFAULT_INLINE_BUDGET_NANOS, parse().config().inlineBudgetNanos());
    assertEquals(2_000_000, parse("-inline-us", "2000").config().inlineBudgetNanos());
    assertEquals(0, parse("-inline-us", "0").config().inlineBudgetNanos(), "all on the workers");
    StcShHarness h = new StcShHarness(home);
    for (String bad : new String[] {"-1", "100001"}) {
      assertEquals(ExitCode.USAGE.code(), h.run("service", "start", "-port", "0", "-inline-us",
          bad), h::both);
      assertTrue(h.err.contains("-inline-us must be 0..100000 microseconds"), h::both);
    }
  }

  @Test
  void aZeroLimitIsAUsageError() {
    StcShHarness h = new StcShHarness(home);
    assertEquals(ExitCode.USAGE.code(), h.run("service", "start", "-port", "0",
        "-max-pending-per-source", "0"), h::both);
    assertTrue(h.err.contains("pending handshakes per source must be at least 1"), h::both);
  }

  @Test
  void stcInsideTlsWithoutAServerCertificateIsRefusedWithTheFix() {
    StcShHarness h = StcShHarness.initialized(home);
    assertEquals(ExitCode.NOT_INITIALIZED.code(), h.run("service", "start", "-port", "0",
        "-stc-tls", "-no-ntls", "-password", StcShHarness.SO_PASSWORD), h::both);
    assertTrue(h.err.contains("run sysconf regenCert first"), h::both);
  }

  @Test
  void outOfRangePortIdleAndBindAreUsageErrorsWithoutAStackTrace() {
    StcShHarness h = new StcShHarness(home);
    String[][] cases = {{"-port", "70000"}, {"-port", "-1"}, {"-idle", "-5"},
        {"-bind", "a".repeat(5000)}};
    for (String[] c : cases) {
      assertEquals(ExitCode.USAGE.code(), h.run("service", "start", c[0], c[1]), h::both);
      assertTrue(h.err.contains(c[0] + " must be"), h::both);
      assertTrue(!h.both().contains("\tat ") && !h.both().contains("Exception"), h::both);
    }
  }

  @Test
  void statusShowsTheCountersTheServiceWrote() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServiceState self = ServiceState.ofThisProcess("127.0.0.1", listening.getLocalPort(), "now");
      new ServiceState(self.pid(), self.processStart(), "127.0.0.1", listening.getLocalPort(),
          "now", 3, Map.of("CKR_STC_CONTAINER_INVALID", 20L)).write(home);
      StcShHarness h = new StcShHarness(home);
      assertEquals(0, h.run("service", "status"), h::both);
      assertTrue(h.out.contains("handshakes pending: 3"), h::both);
      assertTrue(h.out.contains("CKR_STC_CONTAINER_INVALID=20"), h::both);
      assertEquals(0, h.run("service", "status", "-json"), h::both);
      assertTrue(h.out.contains("\"handshakeFailures\""), h::both);
    }
  }
}
