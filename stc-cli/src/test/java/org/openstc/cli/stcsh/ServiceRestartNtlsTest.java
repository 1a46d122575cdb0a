package org.openstc.cli.stcsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.partition.ntls.NtlsServer;
import org.openstc.partition.ntls.NtlsService;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.Hsm;
import org.openstc.partition.store.MasterKey;
import org.openstc.partition.store.SoSecret;

/**
 * {@code service restart ntls} and {@code service status ntls}: refused with the reason when
 * nothing runs; against a service of this process (its NTLS part as service start runs it, with
 * service.json written for this pid) the restart is carried out and reported, and status shows it.
 */
class ServiceRestartNtlsTest {
  @TempDir Path home;

  @Test
  void withoutARunningServiceBothSayNtlsIsNotRunning() {
    StcShHarness h = StcShHarness.initialized(home);
    assertEquals(ExitCode.NOT_RUNNING.code(), h.run("service", "restart", "ntls"), h::both);
    assertTrue(h.err.contains("NTLS is not running"), h::both);
    assertEquals(ExitCode.NOT_RUNNING.code(), h.run("service", "status", "ntls"), h::both);
    assertTrue(h.out.contains("NTLS service: stopped"), h::both);
    assertEquals(ExitCode.USAGE.code(), h.run("service", "restart", "stc"), h::both);
    assertTrue(h.err.contains("service stop, then service start"), h::both);
    assertEquals(ExitCode.USAGE.code(), h.run("service", "status", "web"), h::both);
    assertTrue(!h.both().contains("\tat "), h::both);
  }

  @Test
  void aRunningServiceRestartsNtlsAndStatusShowsIt() throws Exception {
    StcShHarness h = StcShHarness.initialized(home);
    assertEquals(0, h.run("sysconf", "regenCert", "-force", "-keytype", "ecdsa-p256",
        "-password", StcShHarness.SO_PASSWORD), h::both);
    assertEquals(0, h.run("ntls", "bind", "-address", "127.0.0.1"), h::both);
    try (HostStore store = HostStore.open(home)) {
      MasterKey key = Hsm.unseal(home, SoSecret.password(StcShHarness.SO_PASSWORD.toCharArray()));
      store.unseal(key);
      key.destroy();
      ServiceState.ofThisProcess("127.0.0.1", 5656, Instant.now().toString()).write(home);
      try (NtlsService ntls = NtlsService.start(store, 0,
          p -> NtlsServer.start(store, p, NtlsServer.policy37(store)),
          new NtlsServiceState.Recorder(home))) {
        assertEquals(0, h.run("service", "status", "ntls"), h::both);
        assertTrue(h.out.contains("NTLS service: running") && h.out.contains("127.0.0.1:"
            + ntls.port()), h::both);
        CompletableFuture<Integer> restart = CompletableFuture.supplyAsync(
            () -> new StcShHarness(home).run("service", "restart", "ntls"));
        assertEquals(0, restart.get(30, TimeUnit.SECONDS));
        assertEquals(1, ntls.restartsApplied());
        assertEquals(0, h.run("service", "status", "ntls", "-json"), h::both);
        assertTrue(h.out.contains("\"restarts\": 1") || h.out.contains("\"restarts\":1"), h::both);
      } finally {
        NtlsServiceState.remove(home);
        ServiceState.remove(home, ProcessHandle.current().pid());
      }
    }
    assertEquals(ExitCode.NOT_RUNNING.code(), h.run("service", "status", "ntls"), h::both);
  }
}
