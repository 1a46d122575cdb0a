package org.openstc.partition.ntls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The host's TLS trust decision for client certificates: {@link ClientAcceptance}, given the peer
 * address the engine was created with. The host never acts as a TLS client, so the server-side
 * checks refuse everything.
 */
final class PinnedClientTrust extends X509ExtendedTrustManager {
  private final ClientAcceptance acceptance;

  PinnedClientTrust(ClientAcceptance acceptance) {
    this.acceptance = acceptance;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    acceptance.accept(chain, engine.getPeerHost());
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("NTLS runs on SSLEngine only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the peer address is needed to accept a client");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the NTLS host does not connect to servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the NTLS host does not connect to servers");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the NTLS host does not connect to servers");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
