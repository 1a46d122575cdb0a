package org.openstc.partition.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openstc.stc.StcChannel;
import org.openstc.stc.wire.Frame;

/**
 * Replies leave in request order when some requests run inline on the event loop and others on the
 * workers: an inline-eligible request that arrives while an earlier one is still on a worker must
 * wait for it. The worker pool is a {@link TaskQueue}, so the test decides when work completes.
 */
class RecordHandlerOrderTest {
  /** Requests whose first byte is 0 may run on the event loop; the reply is the request. */
  private static final ChannelServiceFactory MIXED = EmbeddedHost.echo(request -> request[0] == 0);

  private static byte[] request(boolean inline, int n) {
    return new byte[] {(byte) (inline ? 0 : 1), (byte) (n >>> 8), (byte) n};
  }

  private static int number(byte[] reply) {
    return (reply[1] & 0xff) << 8 | reply[2] & 0xff;
  }

  private final ByteArrayOutputStream stream = new ByteArrayOutputStream();

  /** The numbers of the replies written so far, opened in order by the client. */
  private List<Integer> replies(EmbeddedChannel ch, StcChannel client) throws Exception {
    stream.writeBytes(EmbeddedHost.written(ch));
    List<Integer> out = new ArrayList<>();
    for (Frame f : EmbeddedHost.frames(stream.toByteArray())) {
      out.add(number(client.open(f).payload()));
    }
    stream.reset();
    return out;
  }

  @Test
  void anInlineRequestBehindAWorkerRequestWaitsForIt() throws Exception {
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), MIXED);
    EmbeddedChannel ch = host.connect();
    StcChannel client = host.activate(ch);
    ch.writeInbound(EmbeddedHost.wrap(client.seal(request(false, 1)),
        client.seal(request(true, 2)), client.seal(request(false, 3)),
        client.seal(request(true, 4))));
    assertNull(ch.readOutbound(), "2 and 4 must not overtake 1 while it is on a worker");
    host.workers.runAll();
    ch.runPendingTasks();
    assertEquals(List.of(1, 2, 3, 4), replies(ch, client));
  }

  @Test
  void anInlineRequestOnAnIdleChannelIsAnsweredOnTheEventLoop() throws Exception {
    EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), MIXED);
    EmbeddedChannel ch = host.connect();
    StcChannel client = host.activate(ch);
    ch.writeInbound(EmbeddedHost.wrap(client.seal(request(true, 1)),
        client.seal(request(false, 2))));
    assertEquals(List.of(1), replies(ch, client), "1 needs no worker");
    host.workers.runAll();
    ch.runPendingTasks();
    assertEquals(List.of(2), replies(ch, client));
  }

  /**
   * Random mixes of inline and worker requests, read batches and worker progress: the replies are
   * always 0, 1, 2, ... in order. Prints its seed; rerun one with {@code -Dorder.seed=...}.
   */
  @Test
  void randomInterleavingsKeepRequestOrder() throws Exception {
    long seed = Long.getLong("order.seed", System.nanoTime());
    System.out.println("RecordHandlerOrderTest seed " + seed);
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      EmbeddedHost host = new EmbeddedHost(HandshakeLimits.defaults(), MIXED);
      EmbeddedChannel ch = host.connect();
      StcChannel client = host.activate(ch);
      List<Integer> got = new ArrayList<>();
      int sent = 0;
      while (sent < 200) {
        List<byte[]> batch = new ArrayList<>();
        for (int k = 1 + random.nextInt(5); k > 0; k--) {
          batch.add(client.seal(request(random.nextBoolean(), sent++)));
        }
        ch.writeInbound(EmbeddedHost.wrap(batch.toArray(new byte[0][])));
        for (int k = random.nextInt(3); k > 0; k--) {
          host.workers.runOne();
        }
        if (random.nextBoolean()) {
          ch.runPendingTasks();
        }
        got.addAll(replies(ch, client));
      }
      host.workers.runAll();
      ch.runPendingTasks();
      got.addAll(replies(ch, client));
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < sent; i++) {
        expected.add(i);
      }
      assertEquals(expected, got, "seed " + seed + " round " + round);
    }
  }
}
