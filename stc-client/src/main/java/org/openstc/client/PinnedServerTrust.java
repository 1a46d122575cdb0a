package org.openstc.client;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.X509TrustManager;

/**
 * The client's trust in an NTLS host: the certificate it presents must be, byte for byte, the one
 * added for it ({@code vtl addServer -c}); names and chains are not used.
 */
final class PinnedServerTrust implements X509TrustManager {
  static final String MISMATCH = "not the certificate added for this server";

  private final X509Certificate pinned;

  PinnedServerTrust(X509Certificate pinned) {
    this.pinned = pinned;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0 || !sameEncoding(chain[0])) {
      throw new CertificateException("the host's certificate is " + MISMATCH);
    }
  }

  private boolean sameEncoding(X509Certificate c) throws CertificateEncodingException {
    return Arrays.equals(c.getEncoded(), pinned.getEncoded());
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("an NTLS client accepts no clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {pinned};
  }
}
