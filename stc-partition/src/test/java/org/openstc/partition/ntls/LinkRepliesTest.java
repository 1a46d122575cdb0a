package org.openstc.partition.ntls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openstc.command.LinkBodies;

/**
 * {@link LinkReplies} on an {@link EmbeddedChannel}: replies ready together leave in one buffer
 * and one flush, in order; reading pauses at the bound and when the peer does not read.
 */
class LinkRepliesTest {
  private LinkReplies replies;
  private final EmbeddedChannel ch = new EmbeddedChannel(new ChannelInboundHandlerAdapter() {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      replies = new LinkReplies(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      replies.writabilityChanged();
    }
  });

  private static byte[] reply(int n, int length) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) n);
    return b;
  }

  /** The bytes the host would send for {@code replies}, in this order. */
  private static byte[] framed(byte[]... replies) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] r : replies) {
      out.writeBytes(ByteBuffer.allocate(4).putInt(r.length).array());
      out.writeBytes(r);
    }
    return out.toByteArray();
  }

  private List<byte[]> written() {
    List<byte[]> out = new ArrayList<>();
    for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
      byte[] bytes = new byte[b.readableBytes()];
      b.readBytes(bytes).release();
      out.add(bytes);
    }
    return out;
  }

  private boolean reading() {
    return ch.config().isAutoRead();
  }

  @Test
  void repliesAnsweredOnTheEventLoopLeaveInOneBufferWhenTheReadBatchIsDone() {
    byte[][] r = {reply(1, 10), reply(2, 200), reply(3, 1)};
    for (byte[] x : r) {
      replies.answeredInline(replies.accept(new byte[8]), x);
    }
    assertNull(ch.readOutbound(), "nothing is written before the read batch ends");
    replies.readComplete();
    List<byte[]> out = written();
    assertEquals(1, out.size(), "one buffer, one flush");
    assertArrayEquals(framed(r), out.get(0));
  }

  @Test
  void repliesOfTheWorkerReadyTogetherShareOneEventLoopTask() throws Exception {
    byte[][] r = {reply(4, 30), reply(5, 40), reply(6, 50)};
    List<LinkReplies.Answer> answers = new ArrayList<>();
    for (int i = 0; i < r.length; i++) {
      answers.add(replies.accept(new byte[8]));
    }
    Thread worker = new Thread(() -> {
      for (int i = 0; i < r.length; i++) {
        replies.answered(answers.get(i), r[i]);
      }
    });
    worker.start();
    worker.join();
    ch.runPendingTasks();
    List<byte[]> out = written();
    assertEquals(1, out.size());
    assertArrayEquals(framed(r), out.get(0));
  }

  @Test
  void largeRepliesSpanSeveralBuffersInOrder() {
    byte[][] r = {reply(7, 10_000), reply(8, LinkBodies.MAX_FRAME), reply(9, 10_000), reply(10, 3)};
    for (byte[] x : r) {
      replies.answeredInline(replies.accept(new byte[8]), x);
    }
    replies.readComplete();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    written().forEach(all::writeBytes);
    assertArrayEquals(framed(r), all.toByteArray());
  }

  @Test
  void readingPausesAtTheRequestBoundAndResumesBelowHalfOfIt() {
    List<LinkReplies.Answer> open = new ArrayList<>();
    for (int i = 0; i < LinkReplies.MAX_UNANSWERED - 1; i++) {
      open.add(replies.accept(new byte[8]));
    }
    assertTrue(reading());
    open.add(replies.accept(new byte[8]));
    assertFalse(reading(), "paused at " + LinkReplies.MAX_UNANSWERED + " unanswered");
    int half = LinkReplies.MAX_UNANSWERED / 2;
    for (int i = 0; i < half; i++) {
      replies.answeredInline(open.get(i), reply(1, 1));
    }
    replies.readComplete();
    assertFalse(reading(), "still " + half + " unanswered");
    replies.answeredInline(open.get(half), reply(1, 1));
    replies.readComplete();
    assertTrue(reading());
  }

  @Test
  void readingPausesAtTheByteBound() {
    int n = LinkReplies.MAX_UNANSWERED_BYTES / LinkBodies.MAX_FRAME;
    for (int i = 0; i < n - 1; i++) {
      replies.accept(new byte[LinkBodies.MAX_FRAME]);
    }
    assertTrue(reading());
    replies.accept(new byte[LinkBodies.MAX_FRAME]);
    assertFalse(reading(), "paused at " + LinkReplies.MAX_UNANSWERED_BYTES + " bytes unanswered");
  }

  @Test
  void aPeerThatDoesNotReadPausesReadingUntilItsBufferDrains() {
    replies.answeredInline(replies.accept(new byte[8]), reply(1, 1));
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    ch.runPendingTasks(); // Netty reports a writability change in a later task
    assertFalse(reading());
    replies.readComplete();
    assertFalse(reading(), "a reply written while the buffer is full does not resume reading");
    ch.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
    ch.runPendingTasks();
    assertTrue(reading());
  }

  @Test
  void closeWhenAnsweredSendsWhatWasReadThenCloses() {
    LinkReplies.Answer a = replies.accept(new byte[8]);
    LinkReplies.Answer b = replies.accept(new byte[8]);
    replies.closeWhenAnswered();
    assertTrue(ch.isOpen());
    assertFalse(reading());
    replies.answeredInline(a, reply(1, 5));
    replies.readComplete();
    assertTrue(ch.isOpen(), "one request still unanswered");
    replies.answeredInline(b, reply(2, 6));
    replies.readComplete();
    assertFalse(ch.isOpen());
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    written().forEach(all::writeBytes);
    assertArrayEquals(framed(reply(1, 5), reply(2, 6)), all.toByteArray());
  }
}
