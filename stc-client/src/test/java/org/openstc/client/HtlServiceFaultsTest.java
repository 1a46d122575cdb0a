package org.openstc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.client.HtlTestHost.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.partition.store.HtlSettings;

/**
 * The HTL service under faults, in process (docs/protocol.md section 40): a restart of the host's
 * HTL service (the state is in the store: the agent comes back with its last secret inside the
 * grace period, and needs a new token after it), and a silent network cut (no FIN): the host ends
 * the silent link after its silence timeout, the agent's read times out, and once the network is
 * back the link recovers with the last secret, or is refused when the cut outlasted the grace
 * period. Short timeouts (host silence 2 s, agent read 3 s) keep it quick.
 */
class HtlServiceFaultsTest {
  @TempDir Path dir;
  private HtlTestHost h;

  @BeforeEach
  void start() throws Exception {
    h = new HtlTestHost(dir, true);
  }

  @AfterEach
  void stop() throws InterruptedException {
    h.close();
  }

  @Test
  void aRestartedServiceTakesTheLastSecretWithinTheGracePeriodOnly() throws Exception {
    int port = h.htl.port();
    try (HtlAgent a = h.agent(port)) {
      await("link up", () -> h.up() && h.status.contains("Up"));
      long before = h.state().counter();
      h.htl.close();
      await("link down on the host", () -> !h.up());
      int mark = h.status.size();
      h.start(port); // tokens and secrets are in the store
      await("link up again", () -> h.up() && h.sawSince(mark, "Up"));
      assertTrue(h.state().counter() > before, "the secret kept rolling");
      assertFalse(h.state().cloneSuspected());

      h.store.htl().updateSettings(s -> new HtlSettings(0, s.defaultOttExpirySeconds()));
      h.htl.close();
      int down = h.status.size();
      h.start(port);
      await("refused after the grace period", () -> h.sawSince(down, "grace period"));
      assertEquals("Down", h.state().linkStatus(System.currentTimeMillis(), 0));
    }
  }

  @Test
  void aSilentCutTimesOutOnBothSidesAndRecoversWithinTheGracePeriod() throws Exception {
    try (BlackHoleProxy net = new BlackHoleProxy(h.htl.port()); HtlAgent a = h.agent(net.port())) {
      await("link up", () -> h.up() && h.status.contains("Up"));
      int mark = h.status.size();
      long cut = System.nanoTime();
      net.cut();
      await("the host ends the silent link", () -> !h.up());
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cut);
      assertTrue(millis >= HtlTestHost.SILENCE.toMillis() - 1000, "ended after " + millis + " ms");
      assertEquals("Grace Period", h.state().linkStatus(System.currentTimeMillis(), 60));
      await("the agent's read times out", () -> h.sawSince(mark, "Attempting to connect"));
      int healed = h.status.size();
      net.heal();
      await("link up again", () -> h.up() && h.sawSince(healed, "Up"));
      assertFalse(h.state().cloneSuspected());

      h.store.htl().updateSettings(s -> new HtlSettings(0, s.defaultOttExpirySeconds()));
      int again = h.status.size();
      net.cut();
      await("the host ends the silent link", () -> !h.up());
      net.heal();
      await("refused after the grace period", () -> h.sawSince(again, "grace period"));
      Path secret = h.home.resolve("htl").resolve(HtlTestHost.SERVER + ".secret");
      await("the refused secret forgotten", () -> !Files.exists(secret));
    }
  }
}
