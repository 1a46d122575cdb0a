package org.openstc.partition.ntls;

import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import jdk.net.ExtendedSocketOptions;
import org.openstc.command.CkResult;
import org.openstc.command.LinkBodies;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.NtlsServerKey;
import org.openstc.partition.store.NtlsSettings;
import org.openstc.partition.store.StoreException;
import org.slf4j.LoggerFactory;

/** The host's TLS context (JDK provider): its certificate and key, the pinned client trust. */
final class ServerTls {
  private ServerTls() {}

  static SSLContext context(HostStore store, ClientAcceptance acceptance)
      throws StoreException, GeneralSecurityException {
    return context(store, new TrustManager[] {new PinnedClientTrust(acceptance)});
  }

  /**
   * The host's certificate and key with {@code trust} for client certificates (null: the host
   * asks for none, as the outer TLS of STC inside TLS).
   */
  static SSLContext context(HostStore store, TrustManager[] trust)
      throws StoreException, GeneralSecurityException {
    NtlsServerKey.Credential c = store.ntlsServerKey().load().orElseThrow(() ->
        new StoreException(CkResult.CKR_DEVICE_ERROR, "the host has no NTLS server certificate"
            + " (run sysconf regenCert)"));
    try {
      X509Certificate cert = TlsCertificates.certificate(c.certificate());
      PrivateKey key = KeyFactory.getInstance(cert.getPublicKey().getAlgorithm())
          .generatePrivate(new PKCS8EncodedKeySpec(c.pkcs8()));
      char[] none = new char[0];
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try {
        ks.load(null, null);
      } catch (java.io.IOException e) {
        throw new GeneralSecurityException(e);
      }
      ks.setKeyEntry("server", key, none, new Certificate[] {cert});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, none);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), trust, new SecureRandom());
      return ctx;
    } finally {
      NtlsServerKey.wipe(c);
    }
  }

  /** A server engine for a connection from {@code peerIp}: client certificate required. */
  static SSLEngine engine(SSLContext ctx, String peerIp, int peerPort) {
    SSLEngine e = ctx.createSSLEngine(peerIp, peerPort);
    e.setUseClientMode(false);
    SSLParameters p = e.getSSLParameters();
    p.setProtocols(LinkBodies.PROTOCOLS.toArray(String[]::new));
    p.setCipherSuites(LinkBodies.CIPHER_SUITES.toArray(String[]::new));
    p.setNeedClientAuth(true);
    p.setUseCipherSuitesOrder(true);
    e.setSSLParameters(p);
    return e;
  }

  /** Applies the {@code ntls tcp_keepalive} settings where the platform supports them. */
  static void keepalive(SocketChannel ch, NtlsSettings s) {
    try {
      ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), s.idleSeconds());
      ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL),
          s.intervalSeconds());
      ch.config().setOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), s.probes());
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(ServerTls.class).debug("TCP keepalive options not applied: {}",
          e.toString());
    }
  }
}
