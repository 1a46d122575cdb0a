package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;

/**
 * Issue 5's live effect across processes: the host runs as {@code bin/stcsh service start}; a
 * client holds an open channel; {@code bin/stcsh client deregister}, a second process on the same
 * store, deregisters it; the running host closes that channel within the bound of
 * docs/partition-host.md ("Channel lifetime": one sweep, 0.5 s; asserted generously).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // real host and stcsh processes: about 50 s unloaded
class LiveDeregistrationIT {
  @TempDir Path dir;

  @Test
  void deregistrationByAnotherProcessClosesTheOpenChannel() throws Exception {
    try (LiveHost host = LiveHost.start(dir);
        StcClient client = StcClient.open(LiveHost.clientHome(dir), null)) {
      client.enableServer(client.config().addServer("127.0.0.1", host.port(), null).id());
      try (Slot slot = client.openSlot(0)) {
        assertEquals(3, slot.echo(new byte[] {1, 2, 3}).length);
        host.stcsh("client", "deregister", "-partition", "par1", "-label", "client1");
        assertTrue(LiveHost.within(LiveDeletionIT.BOUND_MILLIS, () -> !slot.connection().isOpen()),
            "the channel outlived the documented bound");
        StcClientException e = assertThrows(StcClientException.class,
            () -> slot.echo(new byte[] {4}));
        assertEquals(StcClientException.Kind.NOT_REGISTERED, e.kind(), e.getMessage());
      }
    }
  }
}
