package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.openstc.command.ObjectBodies.ObjectType;

/**
 * Issue 11 §4: {@code bin/stcsh partition delete}, run as another process while the service holds
 * an open channel to the partition, closes that channel within the documented bound
 * (docs/partition-host.md, "Channel lifetime": the 0.5 s sweep; asserted with a generous margin,
 * this is not a timing benchmark); afterwards the client's commands reach nothing of the
 * partition and a new OPEN is refused as an unknown partition.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // real host and stcsh processes
class LiveDeletionIT {
  /** The documented bound (one 0.5 s sweep) plus a wide margin for a loaded 2-core machine. */
  static final long BOUND_MILLIS = 5_000;

  @TempDir Path dir;

  @Test
  void deletionByAnotherProcessClosesTheChannelAndServesNothing() throws Exception {
    try (LiveHost host = LiveHost.start(dir);
        StcClient client = StcClient.open(LiveHost.clientHome(dir), null)) {
      client.enableServer(client.config().addServer("127.0.0.1", host.port(), null).id());
      try (Slot slot = client.openSlot(0)) {
        assertEquals(3, slot.echo(new byte[] {1, 2, 3}).length);
        host.stcsh("partition", "delete", "-partition", "par1", "-force");
        assertTrue(LiveHost.within(BOUND_MILLIS, () -> !slot.connection().isOpen()),
            "the channel to the deleted partition outlived the documented bound");
        StcClientException e = assertThrows(StcClientException.class,
            () -> slot.generate(ObjectType.AES256, "after-delete"));
        assertEquals(StcClientException.Kind.PARTITION_UNKNOWN, e.kind(), e.getMessage());
      }
      assertFalse(host.stcsh("partition", "list").contains("par1"), "par1 came back");
    }
  }
}
