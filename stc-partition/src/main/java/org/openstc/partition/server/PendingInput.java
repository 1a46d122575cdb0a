package org.openstc.partition.server;

import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;
import java.util.Queue;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.wire.Frame;

/**
 * What arrived on a pending connection behind its frame in flight, in arrival order: frames, a
 * decoding error ({@link StcException}), the end of input (the user event). A client sends
 * nothing while its OPEN or ACTIVATE awaits an answer, so more than {@link #MAX} items is a hostile
 * peer: the excess is replaced by one {@code CKR_STC_UNEXPECTED_MESSAGE} and later items dropped.
 */
final class PendingInput {
  static final int MAX = 4;
  private final Queue<Object> items = new ArrayDeque<>();
  private boolean overflowed;

  void add(Object item) {
    if (overflowed) {
      return;
    }
    if (items.size() >= MAX) {
      overflowed = true;
      item = new StcException(StcError.CKR_STC_UNEXPECTED_MESSAGE,
          "frames sent before the handshake answered");
    }
    items.add(item);
  }

  /** The oldest item, or null. */
  Object poll() {
    return items.poll();
  }

  void clear() {
    items.clear();
  }

  /** Passes every item to the handler after {@code ctx}, then a read-complete. */
  void forward(ChannelHandlerContext ctx) {
    for (Object item = items.poll(); item != null; item = items.poll()) {
      if (item instanceof Throwable t) {
        ctx.fireExceptionCaught(t);
      } else if (item instanceof Frame) {
        ctx.fireChannelRead(item);
      } else {
        ctx.fireUserEventTriggered(item);
      }
    }
    ctx.fireChannelReadComplete();
  }
}
