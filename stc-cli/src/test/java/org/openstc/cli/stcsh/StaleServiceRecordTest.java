package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;

/**
 * After a {@code kill -9} the service record stays behind and its pid may be reused by an unrelated
 * process (issue 22): {@code service stop} must not signal that process, and says the record was
 * stale. The unrelated process here is a real {@code sleep}, whose pid the record names.
 */
class StaleServiceRecordTest {
  @TempDir
  Path home;
  private Process stranger;

  @BeforeEach
  void startStranger() throws Exception {
    stranger = new ProcessBuilder("sleep", "120").start();
  }

  @AfterEach
  void stopStranger() throws Exception {
    stranger.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Test
  void stopDoesNotSignalAProcessThatReusedThePid() throws Exception {
    record(stranger.pid(), "2001-01-01T00:00:00Z");
    assertStaleRecordRemovedAndStrangerAlive();
  }

  @Test
  void aRecordWithoutAStartTimeIsNotTrustedEither() throws Exception {
    record(stranger.pid(), null);
    assertStaleRecordRemovedAndStrangerAlive();
  }

  @Test
  void statusCallsAStaleRecordStopped() throws Exception {
    record(stranger.pid(), "2001-01-01T00:00:00Z");
    StcShHarness h = new StcShHarness(home);
    assertEquals(ExitCode.NOT_RUNNING.code(), h.run("service", "status"), h::both);
    assertTrue(h.out.contains("STC service: stopped"), h::both);
    assertTrue(stranger.isAlive());
  }

  @Test
  void theRunningServiceRecordsItsOwnStartTime() {
    ServiceState self = ServiceState.ofThisProcess("127.0.0.1", 1, "now");
    assertTrue(self.alive(), "a record of this very process names a running process");
  }

  private void record(long pid, String processStart) throws Exception {
    new ServiceState(pid, processStart, "127.0.0.1", 1, "then", 0, Map.of()).write(home);
  }

  private void assertStaleRecordRemovedAndStrangerAlive() {
    StcShHarness h = new StcShHarness(home);
    assertEquals(ExitCode.NOT_RUNNING.code(), h.run("service", "stop"), h::both);
    assertTrue(h.err.contains("stale service record for pid " + stranger.pid()), h::both);
    assertTrue(h.err.contains("nothing was signalled"), h::both);
    assertTrue(stranger.isAlive(), "service stop signalled an unrelated process");
    assertFalse(Files.exists(home.resolve(ServiceState.FILE)), "the stale record stays");
  }
}
