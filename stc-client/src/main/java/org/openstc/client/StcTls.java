package org.openstc.client;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.openstc.client.StcClientException.Kind;
import org.openstc.command.LinkBodies;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;

/**
 * STC inside TLS on the client (docs/protocol.md section 37a). A server added with a certificate
 * ({@code clientconfig addserver -c server.pem}) has it in {@code cert/stc/HOSTCert.pem} under the
 * client home; every STC channel to that host then runs inside a TLS connection that trusts that
 * certificate only (pinned, names and chains unused). The client presents no certificate: STC
 * authenticates it inside.
 */
public final class StcTls {
  static final String DIR = "cert/stc";

  private StcTls() {}

  /** Where the certificate of STC server {@code host} is kept. */
  public static Path file(Path home, String host) {
    return home.resolve(DIR).resolve(host.toLowerCase(java.util.Locale.ROOT) + "Cert.pem");
  }

  /** Keeps {@code certificate} (PEM or DER) for {@code host}, owner-only; returns it parsed. */
  public static X509Certificate save(Path home, String host, byte[] certificate)
      throws StcClientException {
    X509Certificate cert = NtlsConfig.parse(certificate, "the server certificate");
    try {
      OwnerOnlyFiles.createDirectories(file(home, host).getParent());
      OwnerOnlyFiles.write(file(home, host), TlsCertificates.pem(cert.getEncoded())
          .getBytes(StandardCharsets.US_ASCII));
      return cert;
    } catch (IOException | GeneralSecurityException e) {
      throw new StcClientException(Kind.CONFIG, "cannot keep the certificate of " + host + ": "
          + e.getMessage(), "check the permissions of " + home, e);
    }
  }

  /** The certificate kept for {@code host}, if STC to it runs inside TLS. */
  public static Optional<X509Certificate> load(Path home, String host) throws StcClientException {
    Path f = file(home, host);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(NtlsConfig.parse(SmallFiles.read(f), f.toString()));
    } catch (IOException e) {
      throw new StcClientException(Kind.CONFIG, "cannot read " + f + ": " + e.getMessage(),
          "add the server again with clientconfig addserver -c server.pem", e);
    }
  }

  /** Forgets the certificate of {@code host}; whether there was one. */
  public static boolean delete(Path home, String host) throws StcClientException {
    try {
      return Files.deleteIfExists(file(home, host));
    } catch (IOException e) {
      throw new StcClientException(Kind.CONFIG, "cannot remove " + file(home, host), null, e);
    }
  }

  /**
   * The TLS client handshake over the connected {@code tcp} socket, trusting {@code server} only;
   * the returned socket carries the STC bytes. Closing it closes {@code tcp}.
   */
  static SSLSocket wrap(Socket tcp, String host, X509Certificate server, String where)
      throws StcClientException, IOException {
    SSLContext ctx;
    try {
      ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new PinnedServerTrust(server)}, null);
    } catch (GeneralSecurityException e) {
      throw new StcClientException(Kind.CONFIG, "cannot set up TLS: " + e.getMessage(), null, e);
    }
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(tcp, host, tcp.getPort(), true);
    SSLParameters p = s.getSSLParameters();
    p.setProtocols(LinkBodies.PROTOCOLS.toArray(String[]::new));
    p.setCipherSuites(LinkBodies.CIPHER_SUITES.toArray(String[]::new));
    s.setSSLParameters(p);
    try {
      s.startHandshake();
      return s;
    } catch (SSLException e) {
      s.close();
      throw refused(e, where);
    }
  }

  private static StcClientException refused(SSLException e, String where) {
    String m = String.valueOf(e.getMessage());
    if (m.contains(PinnedServerTrust.MISMATCH)) {
      return new StcClientException(Kind.PARTITION_AUTH_FAILED, "host " + where + " presented a "
          + "certificate other than the one added for it", "get its current server.pem and add the"
          + " server again (clientconfig addserver -c server.pem)", e);
    }
    return new StcClientException(Kind.CHANNEL, "TLS to " + where + " failed (" + m + "): the"
        + " host does not run STC inside TLS", "start it with stcsh service start -stc-tls, or"
        + " add the server without -c", e);
  }
}
