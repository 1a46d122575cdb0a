package org.openstc.partition.server;

import io.netty.channel.ChannelFuture;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * The step before a server shuts its event loops down: waiting until the connections it told to
 * close (with a closing notice or an ALERT) are closed. An event loop that shuts down closes every
 * channel it still has at once, before it runs the tasks already queued to it (Netty's {@code
 * IoHandler.prepareToDestroy}), so a notice queued from another thread and not yet written would
 * be lost: the peer would see the connection end without it.
 */
public final class ChannelCloses {
  /**
   * How long a stopping server waits for all of its connections together, so that a peer that
   * reads nothing cannot hold the stop up: as Netty's default wait for a TLS close_notify flush.
   */
  public static final long WAIT_MILLIS = 3_000;

  private ChannelCloses() {}

  /**
   * Waits until every one of {@code closeFutures} is done or {@link #WAIT_MILLIS} have passed
   * since the call, whichever is first; an interrupt does not cut the wait short (it is kept).
   *
   * @return how many connections were still open when the wait ended
   */
  public static int await(Collection<ChannelFuture> closeFutures) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
    int open = 0;
    for (ChannelFuture f : closeFutures) {
      long left = Math.max(0, deadline - System.nanoTime());
      if (!f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
        open++;
      }
    }
    return open;
  }
}
