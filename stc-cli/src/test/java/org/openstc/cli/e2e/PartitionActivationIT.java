package org.openstc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.cli.common.ExitCode;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;

/**
 * Issue 13 activation with real processes: {@code bin/stcsh partition deactivate}, run while a
 * client holds an open channel, makes the client's next command fail with CKR_TOKEN_NOT_PRESENT
 * (the channel stays open and ECHO still works); {@code partition activate} serves it again;
 * policy 22 off refuses activation; after a host restart the partition is served again only when
 * policy 23 is on.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // real host and stcsh processes
class PartitionActivationIT {
  /**
   * One host for the class: each case ends with par1 activated and policy 22 on, and only the
   * restart case changes policy 23 (the other case never restarts).
   */
  @TempDir static Path dir;
  private static LiveHost host;

  @BeforeAll
  static void startHost() throws Exception {
    host = LiveHost.start(dir);
    try (StcClient client = StcClient.open(LiveHost.clientHome(dir), null)) {
      client.enableServer(client.config().addServer("127.0.0.1", host.port(), null).id());
    }
  }

  @AfterAll
  static void stopHost() throws Exception {
    if (host != null) {
      host.close();
    }
  }

  @Test
  void deactivationReachesAnOpenChannelAtOnceAndActivationRestoresIt() throws Exception {
    try (StcClient client = StcClient.open(LiveHost.clientHome(dir), null)) {
      try (Slot slot = client.openSlot(0)) {
        assertEquals("par1", slot.info().name());
        assertTrue(host.stcsh("partition", "deactivate", "-partition", "par1")
            .contains("'partition deactivate' successful."));
        StcClientException e = assertThrows(StcClientException.class, slot::info);
        assertEquals(StcClientException.Kind.COMMAND, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("CKR_TOKEN_NOT_PRESENT"), e.getMessage());
        assertTrue(slot.connection().isOpen(), "the channel stays open while deactivated");
        assertArrayEquals(new byte[] {7}, slot.echo(new byte[] {7}));

        host.stcsh("partition", "changePolicy", "-partition", "par1", "-policy", "22", "-value", "0");
        LiveHost.Run refused = host.stcshWith("", Map.of(), "partition", "activate", "-partition", "par1");
        assertEquals(ExitCode.NOT_PERMITTED.code(), refused.status(), refused.out());
        assertTrue(refused.out().contains("policy 22 (Allow activation) is off"), refused.out());
        assertThrows(StcClientException.class, slot::info);

        host.stcsh("partition", "changePolicy", "-partition", "par1", "-policy", "22", "-value", "1");
        host.stcsh("partition", "activate", "-partition", "par1");
        assertEquals("par1", slot.info().name());
      }
    }
  }

  @Test
  void aRestartKeepsThePartitionActivatedOnlyWithPolicy23() throws Exception {
    try (StcClient client = StcClient.open(LiveHost.clientHome(dir), null)) {
      host.restart(); // 23 on (the default): served after the restart
      try (Slot slot = client.openSlot(0)) {
        assertEquals("par1", slot.info().name());
      }
      host.stcsh("partition", "changePolicy", "-partition", "par1", "-policy", "23", "-value", "0");
      host.restart();
      assertTrue(host.stcsh("partition", "showPolicies", "-partition", "par1")
          .contains("Activation state: Deactivated"));
      try (Slot slot = client.openSlot(0)) {
        StcClientException e = assertThrows(StcClientException.class, slot::info);
        assertTrue(e.getMessage().contains("CKR_TOKEN_NOT_PRESENT"), e.getMessage());
        host.stcsh("partition", "activate", "-partition", "par1");
        assertEquals("par1", slot.info().name());
      }
    }
  }
}
