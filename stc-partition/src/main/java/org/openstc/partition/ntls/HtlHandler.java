package org.openstc.partition.ntls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import org.openstc.command.CkResult;
import org.openstc.command.HtlBodies;
import org.openstc.command.MalformedCommandException;
import org.openstc.partition.server.SerialExecutor;
import org.openstc.partition.store.HtlClients.Outcome;
import org.openstc.partition.store.NtlsClient;
import org.openstc.partition.store.NtlsClients;
import org.openstc.partition.store.StoreException;

/**
 * One HTL connection after TLS: PROVE is answered ACCEPT (with this connection's fresh host
 * nonce), CONFIRM is answered CONFIRMED and makes this connection the client's link; anything
 * refused is audited, answered REFUSED and closed (docs/protocol.md section 40). The store work
 * runs off the event loop, in order.
 */
final class HtlHandler extends ChannelInboundHandlerAdapter {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final HtlServer server;
  private final SerialExecutor executor;
  private volatile ChannelHandlerContext ctx;
  private volatile String client;
  private byte[] nonceH;

  HtlHandler(HtlServer server) {
    this.server = server;
    this.executor = new SerialExecutor(server.workers);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof SslHandshakeCompletionEvent done) {
      this.ctx = ctx;
      if (!done.isSuccess()) {
        ctx.close();
        return;
      }
      SslHandler tls = ctx.pipeline().get(SslHandler.class);
      X509Certificate cert = (X509Certificate) tls.engine().getSession().getPeerCertificates()[0];
      NtlsClient c = server.store().ntls().byFingerprint(NtlsClients.fingerprint(cert.getEncoded()))
          .orElse(null);
      if (c == null) {
        ctx.close();
        return;
      }
      client = c.name();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    byte[] body = ByteBufUtil.getBytes(buf);
    buf.release();
    if (client == null) {
      ctx.close();
      return;
    }
    executor.execute(() -> handle(body));
  }

  private void handle(byte[] body) {
    try {
      long now = System.currentTimeMillis();
      switch (HtlBodies.type(body)) {
        case HtlBodies.PROVE -> {
          nonceH = new byte[HtlBodies.LENGTH];
          RANDOM.nextBytes(nonceH);
          answer(server.store().htl().prove(client, HtlBodies.decodeProve(body), nonceH, now));
        }
        case HtlBodies.CONFIRM -> {
          if (nonceH == null) {
            refuse("CONFIRM before PROVE", false);
            return;
          }
          Outcome o = server.store().htl().confirm(client, HtlBodies.decodeConfirm(body), nonceH, now);
          if (o.accepted()) {
            server.linkUp(client, this);
          }
          answer(o);
        }
        default -> refuse("unexpected HTL message type " + HtlBodies.type(body), false);
      }
    } catch (MalformedCommandException e) {
      refuse("malformed HTL message: " + e.getMessage(), false);
    } catch (StoreException e) {
      refuse("host store: " + e.getMessage(), false);
    }
  }

  private void answer(Outcome o) {
    if (o.accepted()) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(o.reply()));
    } else {
      refuse(o.refusal(), o.cloneSuspected());
    }
  }

  private void refuse(String why, boolean cloneSuspected) {
    server.audit("HTL refused client " + client + " from " + peer() + ": " + why
        + (cloneSuspected ? " (registration flagged; htl generateott to re-provision)" : ""));
    ctx.writeAndFlush(Unpooled.wrappedBuffer(HtlBodies.refused(
        CkResult.CKR_ACTION_PROHIBITED.code(), why))).addListener(ChannelFutureListener.CLOSE);
  }

  /** Closes the connection (its link moved, or the service stops). */
  void close() {
    ChannelHandlerContext c = ctx;
    if (c != null) {
      c.close();
    }
  }

  String peer() {
    ChannelHandlerContext c = ctx;
    InetSocketAddress a = c == null ? null : (InetSocketAddress) c.channel().remoteAddress();
    return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    server.closed(client, this);
    ctx.fireChannelInactive();
  }
}
