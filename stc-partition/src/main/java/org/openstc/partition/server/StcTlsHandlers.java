package org.openstc.partition.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.openstc.command.LinkBodies;

/**
 * The outer TLS of STC inside TLS (docs/protocol.md section 37a): a server-only handshake with
 * the host's certificate and the NTLS versions and suites, under which the STC byte stream runs
 * unchanged. A peer whose TLS handshake fails (plain STC, an old TLS, a client that does not trust
 * the certificate) is counted and logged as an unauthenticated failure and closed.
 */
final class StcTlsHandlers {
  /** The failure kind counted for a failed TLS handshake ({@code service status}). */
  static final String FAILURE_KIND = "tls: handshake failed";

  private StcTlsHandlers() {}

  /** A TLS server handler: no client certificate is asked for (STC authenticates the client). */
  static SslHandler server(SSLContext tls) {
    SSLEngine e = tls.createSSLEngine();
    e.setUseClientMode(false);
    SSLParameters p = e.getSSLParameters();
    p.setProtocols(LinkBodies.PROTOCOLS.toArray(String[]::new));
    p.setCipherSuites(LinkBodies.CIPHER_SUITES.toArray(String[]::new));
    p.setNeedClientAuth(false);
    p.setWantClientAuth(false);
    p.setUseCipherSuitesOrder(true);
    e.setSSLParameters(p);
    return new SslHandler(e);
  }

  /** Right after the TLS handler: a failed TLS handshake is recorded once and the peer closed. */
  static final class TlsFailure extends ChannelInboundHandlerAdapter {
    private final FailureLog failures;

    TlsFailure(FailureLog failures) {
      this.failures = failures;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
        String why = String.valueOf(done.cause().getMessage());
        failures.record(FAILURE_KIND, ctx.channel().remoteAddress(),
            why.length() > 80 ? why.substring(0, 80) + "..." : why);
        ctx.close();
        return;
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      SslHandler tls = ctx.pipeline().get(SslHandler.class);
      if (tls != null && !tls.handshakeFuture().isDone()) {
        ctx.close(); // the handshake event above records it
        return;
      }
      ctx.fireExceptionCaught(cause);
    }
  }
}
