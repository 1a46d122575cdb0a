package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.client.HtlTestHost.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HtlAgents}, the htlclient daemon's agents, follow the server list while they run: a
 * server added with {@code -htl} gets its link up without a restart, a server removed has its link
 * closed (the host sees it go down), and one added again comes back with its last secret.
 */
class HtlAgentsTest {
  @TempDir Path dir;

  private static long counter(HtlTestHost h) {
    try {
      return h.state().counter();
    } catch (Exception e) {
      return -1;
    }
  }

  @Test
  void serversAddedAndRemovedWhileRunningArePickedUp() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (HtlTestHost h = new HtlTestHost(dir, false)) {
      int port = h.htl.port();
      h.config.addServer(HtlTestHost.SERVER, h.serverCert, 1792, false);
      Thread daemon;
      try (HtlAgents agents = new HtlAgents(h.home, port, Duration.ofSeconds(1),
          (server, line) -> lines.add(server + ": " + line))) {
        assertEquals(Set.of(), agents.refresh(), "a server without -htl has no agent");
        daemon = new Thread(agents, "htlclient");
        daemon.start();

        h.config.deleteServer(HtlTestHost.SERVER);
        NtlsConfig.load(h.home).addServer(HtlTestHost.SERVER, h.serverCert, 1792, true);
        await("the added server's link up", h::up);
        assertEquals("In Use", h.state().ottStatus(System.currentTimeMillis()));
        Path ott = h.config.htlDir().resolve(HtlTestHost.SERVER + ".ott");
        await("the token consumed", () -> !Files.exists(ott));
        long counter = h.state().counter();

        NtlsConfig.load(h.home).deleteServer(HtlTestHost.SERVER);
        await("the removed server's link down", () -> !h.up());
        assertTrue(lines.stream().anyMatch(l -> l.contains("no longer requires HTL")),
            lines.toString());

        NtlsConfig.load(h.home).addServer(HtlTestHost.SERVER, h.serverCert, 1792, true);
        await("back with the last secret", () -> h.up() && counter(h) > counter);
        assertFalse(h.state().cloneSuspected());
        assertEquals(Set.of(HtlTestHost.SERVER), agents.refresh());
      }
      daemon.join(10_000);
      assertFalse(daemon.isAlive(), "close ends the daemon's loop");
      await("its link down once closed", () -> !h.up());
    }
  }
}
