package org.openstc.partition.ntls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The replies of one NTLS link, in request order, and how much the link may have unanswered.
 *
 * <p><b>Writing.</b> Replies are written only on the event loop: those computed there (ECHO,
 * {@link LinkHandler}) once the read batch is decoded ({@link #readComplete}), those of the worker
 * in one event-loop task per burst. Every reply ready at that moment goes into one buffer ({@code
 * u32 length || frame} each) and one flush, so the TLS layer seals many small replies into one
 * record. Order is kept because a reply is queued only when every earlier one is: the worker runs
 * a link's requests one at a time, in order, and a request is answered on the event loop only
 * while the worker holds nothing of the link.
 *
 * <p><b>Bound.</b> A link stops being read while it has {@value #MAX_UNANSWERED} requests or
 * {@value #MAX_UNANSWERED_BYTES} bytes of requests read and not yet answered, or while its
 * outbound buffer is above Netty's high-water mark (a client that sends without reading its
 * replies); reading resumes below half of both and once the buffer drains. What the host holds
 * for one link is so bounded by those requests, their replies, one read of the socket and one
 * partial frame.
 */
final class LinkReplies {
  static final int MAX_UNANSWERED = 256;
  static final int MAX_UNANSWERED_BYTES = 1 << 20;
  private static final int BUFFER_BYTES = 16 * 1024;

  /** One request read from the link; its reply once computed. */
  static final class Answer {
    private final int requestBytes;
    private byte[] reply;

    private Answer(int requestBytes) {
      this.requestBytes = requestBytes;
    }
  }

  private final ChannelHandlerContext ctx;
  private final Queue<Answer> ready = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writeScheduled = new AtomicBoolean();
  // Event loop only:
  private boolean writeOnReadComplete;
  private int unanswered;
  private long unansweredBytes;
  private boolean closeWhenAnswered;
  private boolean ended;

  LinkReplies(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Counts a request just read (event loop); stops reading when the link has too much open. */
  Answer accept(byte[] request) {
    unanswered++;
    unansweredBytes += request.length;
    if (unanswered >= MAX_UNANSWERED || unansweredBytes >= MAX_UNANSWERED_BYTES) {
      config().setAutoRead(false);
    }
    return new Answer(request.length);
  }

  /** A reply computed on the event loop: written when the read batch is done. */
  void answeredInline(Answer answer, byte[] reply) {
    answer.reply = reply;
    ready.add(answer);
    if (writeScheduled.compareAndSet(false, true)) {
      writeOnReadComplete = true;
    }
  }

  /** A reply computed by the worker (any thread): written by one event-loop task per burst. */
  void answered(Answer answer, byte[] reply) {
    answer.reply = reply;
    ready.add(answer);
    if (writeScheduled.compareAndSet(false, true)) {
      ctx.executor().execute(this::write);
    }
  }

  /** The read batch is decoded (event loop). */
  void readComplete() {
    if (writeOnReadComplete) {
      writeOnReadComplete = false;
      write();
    }
  }

  /** No request is read any more; the link closes once those read are answered (event loop). */
  void closeWhenAnswered() {
    closeWhenAnswered = true;
    config().setAutoRead(false);
    if (unanswered == 0) {
      ctx.close();
    }
  }

  /**
   * Ends the link (event loop): the replies ready now go out, then {@code notice}, then the link
   * closes once the notice is written. No reply is written after the notice. A paused link is read
   * again (what it reads is dropped, {@link LinkHandler}): closing a socket with unread input
   * resets the connection, which would throw away the notice the peer has not read yet.
   */
  void end(ByteBuf notice) {
    write();
    ended = true;
    config().setAutoRead(true);
    ctx.writeAndFlush(notice).addListener(ChannelFutureListener.CLOSE);
  }

  /** The outbound buffer crossed a water mark (event loop). */
  void writabilityChanged() {
    if (ended) {
      return;
    }
    if (!ctx.channel().isWritable()) {
      config().setAutoRead(false);
    } else {
      resumeIfRoom();
    }
  }

  private void write() {
    writeScheduled.set(false);
    if (ended || !ctx.channel().isActive()) {
      ready.clear();
      return;
    }
    ByteBuf out = null;
    for (Answer a; (a = ready.poll()) != null; ) {
      int len = 4 + a.reply.length;
      if (out != null && out.writableBytes() < len) {
        ctx.write(out, ctx.voidPromise());
        out = null;
      }
      if (out == null) {
        out = ctx.alloc().heapBuffer(Math.max(BUFFER_BYTES, len));
      }
      out.writeInt(a.reply.length).writeBytes(a.reply);
      unanswered--;
      unansweredBytes -= a.requestBytes;
    }
    if (out != null) {
      ctx.write(out, ctx.voidPromise());
      ctx.flush();
    }
    if (closeWhenAnswered && unanswered == 0) {
      ctx.close();
    } else {
      resumeIfRoom();
    }
  }

  private void resumeIfRoom() {
    if (!closeWhenAnswered && !ended && !config().isAutoRead() && ctx.channel().isWritable()
        && unanswered < MAX_UNANSWERED / 2 && unansweredBytes < MAX_UNANSWERED_BYTES / 2) {
      config().setAutoRead(true);
    }
  }

  private ChannelConfig config() {
    return ctx.channel().config();
  }
}
