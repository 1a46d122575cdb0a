package org.openstc.cli.stccm.link;

import java.time.Duration;
import java.util.List;
import org.openstc.cli.common.CliContext;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import org.openstc.command.Role;

/**
 * Re-establishes a slot's channel that failed between two shell commands: up to three attempts,
 * 0.2 s, 0.4 s and 0.8 s apart, while the failure is one that waiting can fix (server down,
 * timeout, channel error). A refusal (identity not registered, wrong partition identity) is
 * reported at once. The user is told that the channel changed and which login was lost.
 */
final class Reconnect {
  static final List<Duration> BACKOFF =
      List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));

  private final CliContext ctx;

  Reconnect(CliContext ctx) {
    this.ctx = ctx;
  }

  Slot reopen(StcClient client, int n, StcClientException lost, Role lostRole)
      throws StcClientException {
    ctx.err().println("The channel to slot " + n + " was lost"
        + (lost == null ? "" : " (" + lost.getMessage() + ")") + "; re-establishing it.");
    StcClientException last = null;
    for (int attempt = 0; attempt <= BACKOFF.size(); attempt++) {
      try {
        Slot s = client.openSlot(n);
        ctx.err().println("Channel to slot " + n + " re-established (channel id "
            + s.connection().info().channelId() + ")." + (lostRole == null ? ""
            : " The " + lostRole.title() + " login was lost with the old channel: run role login"
                + " again."));
        return s;
      } catch (StcClientException e) {
        last = e;
        if (!e.isTransient() || attempt == BACKOFF.size()) {
          break;
        }
        sleep(BACKOFF.get(attempt));
      }
    }
    throw last;
  }

  private static void sleep(Duration d) throws StcClientException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StcClientException(StcClientException.Kind.TIMEOUT, "interrupted while reconnecting",
          null, e);
    }
  }
}
