package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.stc.StcChannel;
import org.openstc.stc.wire.Frame;

/**
 * The event-loop time a read batch may spend on inline requests ({@link InlineBudget}, {@link
 * ServerConfig#inlineBudgetNanos}), through the server's record handler with a service that would
 * answer every request inline: within the budget the batch is answered at once; once it is spent
 * the rest of the batch waits for the channel's worker, in order; the next batch starts afresh; a
 * budget of 0 sends everything to the worker.
 */
class InlineBudgetTest {
  private static final ChannelServiceFactory INLINE_ECHO = EmbeddedHost.echo(r -> true);

  record Open(EmbeddedHost host, EmbeddedChannel ch, StcChannel client) {}

  static Open open(long budgetNanos) throws Exception {
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), INLINE_ECHO, budgetNanos);
    EmbeddedChannel ch = host.connect();
    return new Open(host, ch, host.activate(ch));
  }

  /** Sends {@code count} requests {1}, {2}, ... in one read batch. */
  static void batch(Open o, int count) throws Exception {
    byte[][] records = new byte[count][];
    for (int i = 0; i < count; i++) {
      records[i] = o.client.seal(new byte[] {(byte) (i + 1)});
    }
    o.ch.writeInbound(EmbeddedHost.wrap(records));
  }

  static List<Integer> replies(Open o) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (Frame f : EmbeddedHost.frames(EmbeddedHost.written(o.ch))) {
      byte[] payload = o.client.open(f).payload();
      assertEquals(1, payload.length);
      out.add((int) payload[0]);
    }
    return out;
  }

  static void settle(Open o) {
    o.host.workers.runAll();
    o.ch.runPendingTasks();
  }

  @Test
  void aBatchWithinTheBudgetIsAnsweredOnTheEventLoop() throws Exception {
    Open o = open(Long.MAX_VALUE);
    batch(o, 5);
    assertEquals(0, o.host.workers.size());
    assertEquals(List.of(1, 2, 3, 4, 5), replies(o));
  }

  @Test
  void onceTheBudgetIsSpentTheRestOfTheBatchWaitsForTheWorkerInOrder() throws Exception {
    Open o = open(1); // any inline request spends a nanosecond or more
    batch(o, 4);
    assertEquals(List.of(1), replies(o), "the first request ran inline, the rest did not");
    assertTrue(o.host.workers.size() > 0);
    settle(o);
    assertEquals(List.of(2, 3, 4), replies(o));

    batch(o, 2);
    assertEquals(List.of(1), replies(o), "a new read batch has the whole budget again");
    settle(o);
    assertEquals(List.of(2), replies(o));
  }

  @Test
  void aBudgetOfZeroAnswersNothingInline() throws Exception {
    Open o = open(0);
    batch(o, 2);
    assertEquals(List.of(), replies(o));
    settle(o);
    assertEquals(List.of(1, 2), replies(o));
  }

  @Test
  void theBudgetCountsTheTimeInlineRequestsTake() {
    InlineBudget budget = new InlineBudget(5_000_000);
    assertTrue(budget.available());
    assertArrayEquals(new byte[] {7}, budget.run(() -> new byte[] {7}));
    assertTrue(budget.available(), "a trivial request leaves most of 5 ms");
    budget.run(() -> {
      long end = System.nanoTime() + 6_000_000;
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
      }
      return null;
    });
    assertFalse(budget.available(), "6 ms spent");
    budget.readComplete();
    assertTrue(budget.available());
    assertThrows(IllegalArgumentException.class, () -> new InlineBudget(-1));
  }
}
