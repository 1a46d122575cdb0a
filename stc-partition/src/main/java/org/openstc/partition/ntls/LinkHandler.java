package org.openstc.partition.ntls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.LinkBodies;
import org.openstc.command.MalformedCommandException;
import org.openstc.partition.CommandService;
import org.openstc.partition.Session;
import org.openstc.partition.server.InlineBudget;
import org.openstc.partition.server.SerialExecutor;
import org.openstc.partition.server.ServerConfig;
import org.openstc.partition.store.NtlsClient;
import org.openstc.partition.store.NtlsClients;
import org.openstc.partition.store.PartitionRecord;
import org.openstc.partition.store.StoreException;
import org.openstc.stc.PeerRegistry.RegisteredPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One NTLS connection after TLS (docs/protocol.md Part 3, section 36): unbound it serves LINK_LIST
 * and LINK_BIND; bound, it hands every frame to the partition's command service. Requests run in
 * order on the connection's {@link SerialExecutor}, off the event loop, except those the STC host
 * also answers on its I/O thread ({@link #answerOnEventLoop}) while nothing of the connection is
 * with the worker and within the read batch's {@link InlineBudget}. Replies go out in order,
 * batched per read or per burst ({@link LinkReplies}).
 */
final class LinkHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(LinkHandler.class);

  private final LinkContext server;
  private final SerialExecutor executor;
  private final InlineBudget inline = new InlineBudget(ServerConfig.DEFAULT_INLINE_BUDGET_NANOS);
  private ChannelHandlerContext ctx;
  private LinkReplies replies;
  private volatile NtlsClient client;
  private volatile Session session;
  /** Set by {@link #end} and on close: nothing more is answered. */
  private final AtomicBoolean ending = new AtomicBoolean();
  /** Set on a malformed frame: nothing more is read; what was read is still answered. */
  private boolean closing;

  LinkHandler(LinkContext server) {
    this.server = server;
    this.executor = new SerialExecutor(server.workers());
  }

  NtlsClient client() {
    return client;
  }

  /** The serial this link is bound to, or -1. */
  long boundSerial() {
    Session s = session;
    return s == null ? -1 : s.serial();
  }

  /** Whether the host reads from this link now (false while paused, {@link LinkReplies}). */
  boolean reading() {
    return ctx.channel().config().isAutoRead();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.replies = new LinkReplies(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      if (!done.isSuccess()) {
        // One WARN per refused peer: no or unknown certificate, wrong address, old TLS, not TLS.
        LOG.warn("NTLS: TLS handshake with {} failed: {}", peer(ctx), done.cause().getMessage());
        ctx.close();
        return;
      }
      SslHandler tls = ctx.pipeline().get(SslHandler.class);
      X509Certificate cert = (X509Certificate) tls.engine().getSession().getPeerCertificates()[0];
      client = server.store().ntls().byFingerprint(NtlsClients.fingerprint(cert.getEncoded()))
          .orElse(null);
      if (client == null) {
        ctx.close(); // deleted between the trust check and now
        return;
      }
      server.links().add(this);
      LOG.info("NTLS: client {} connected from {} ({}, {})", client.name(), peer(ctx),
          tls.engine().getSession().getProtocol(), tls.engine().getSession().getCipherSuite());
      if (server.stopping().get()) { // read after the add: the stopping server missed this link
        end(CkResult.CKR_DEVICE_ERROR, NtlsServer.STOPPING);
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    byte[] frame = (byte[]) msg; // LinkFrameDecoder
    if (client == null) {
      ctx.close();
      return;
    }
    if (closing || ending.get()) {
      return;
    }
    LinkReplies.Answer answer = replies.accept(frame);
    Session s = session;
    // Only while nothing of this link is queued or running, so the order of replies is kept.
    byte[] now = s != null && executor.isIdle() && inline.available()
        ? inline.run(() -> answerOnEventLoop(s, frame)) : null;
    if (now != null) {
      replies.answeredInline(answer, now);
    } else {
      executor.execute(() -> {
        if (!ending.get()) {
          replies.answered(answer, respond(frame));
        }
      });
    }
  }

  /**
   * The reply to a request of a bound link if it is answered on the event loop, else null (the
   * worker answers it): the STC host's rule for its channels, {@link CommandService#handleCached}
   * (ECHO, and single-part crypto with a cached key while the partition's record is current).
   */
  private byte[] answerOnEventLoop(Session s, byte[] request) {
    return server.commands().handleCached(s, request);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    inline.readComplete();
    replies.readComplete();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    replies.writabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  private byte[] respond(byte[] frame) {
    Session s = session;
    return s != null ? server.commands().handle(s, frame) : link(frame).encode();
  }

  private CommandResponse link(byte[] frame) {
    long id = CommandRequest.peekRequestId(frame);
    try {
      CommandRequest request = CommandRequest.decode(frame);
      return switch (request.opcodeCode()) {
        case LinkBodies.LINK_LIST -> CommandResponse.ok(id, LinkBodies.encodeList(assigned()));
        case LinkBodies.LINK_BIND -> bind(id, LinkBodies.decodeBind(request.body()));
        default -> CommandResponse.error(id, CkResult.CKR_OPERATION_NOT_INITIALIZED,
            "the link is not bound to a partition: send LINK_BIND first");
      };
    } catch (MalformedCommandException e) {
      return CommandResponse.error(id, CkResult.CKR_ARGUMENTS_BAD, "malformed request: "
          + e.getMessage());
    } catch (CkException e) {
      return new CommandResponse(id, e.code(), e.getMessage(), new byte[0]);
    } catch (StoreException e) {
      return CommandResponse.error(id, e.result(), e.getMessage());
    }
  }

  private List<LinkBodies.Assigned> assigned() throws StoreException {
    List<LinkBodies.Assigned> out = new ArrayList<>();
    for (long serial : server.store().ntls().get(client.name()).partitions()) {
      server.partition(serial).ifPresent(p ->
          out.add(new LinkBodies.Assigned(p.serial(), p.name(), p.label())));
    }
    return out;
  }

  private CommandResponse bind(long id, long serial) throws StoreException, CkException {
    NtlsClient c = server.store().ntls().get(client.name());
    PartitionRecord p = c.partitions().contains(serial) ? server.partition(serial).orElse(null) : null;
    if (p == null) {
      throw new CkException(CkResult.CKR_SLOT_ID_INVALID, "no partition " + serial
          + " is assigned to client " + c.name());
    }
    if (server.forcesStc().test(serial)) {
      throw new CkException(CkResult.CKR_ACTION_PROHIBITED, "partition " + p.name()
          + " requires STC (policy 37): it refuses NTLS links");
    }
    session = server.commands().openSession(serial, new RegisteredPeer("ntls/" + c.name(), null));
    LOG.info("NTLS: client {} bound to partition {} ({})", c.name(), p.name(), serial);
    return CommandResponse.ok(id, new byte[0]);
  }

  /**
   * Sends the closing notice (section 37) after the replies ready now and closes once it is
   * written; safe from any thread, once per link (later calls only return the future). Called on
   * links of {@link LinkContext#links()} only, whose handler was added to a channel.
   *
   * @return the future of the link's close: whoever shuts the event loops down waits for it
   *     ({@link org.openstc.partition.server.ChannelCloses})
   */
  ChannelFuture end(CkResult code, String reason) {
    if (!ending.compareAndSet(false, true)) {
      return ctx.channel().closeFuture();
    }
    LOG.info("NTLS: link of client {} closed: {}", client == null ? "?" : client.name(), reason);
    byte[] encoded = CommandResponse.error(LinkBodies.CLOSING_NOTICE_ID, code, reason).encode();
    ByteBuf notice = Unpooled.buffer(4 + encoded.length).writeInt(encoded.length).writeBytes(encoded);
    if (ctx.executor().inEventLoop()) {
      replies.end(notice);
    } else {
      try {
        ctx.executor().execute(() -> replies.end(notice));
      } catch (RejectedExecutionException e) {
        notice.release(); // the event loop has stopped: it closed the channel
      }
    }
    return ctx.channel().closeFuture();
  }

  /**
   * A malformed frame (section 35) ends this link only: the requests read before it are answered,
   * then the connection closes. Any other failure (TLS, I/O) closes at once.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.info("NTLS: connection from {} closed: {}", peer(ctx), cause.toString());
    if (cause instanceof CorruptedFrameException && !closing && client != null) {
      closing = true;
      replies.closeWhenAnswered();
    } else {
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ending.set(true);
    server.links().remove(this);
    ctx.fireChannelInactive();
  }

  private static String peer(ChannelHandlerContext ctx) {
    InetSocketAddress a = (InetSocketAddress) ctx.channel().remoteAddress();
    return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
  }
}
