package org.openstc.partition.ntls;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.crypto.bc.internal.TlsCertificates;

/** A bare NTLS client for the host's tests: a JDK TLS socket and length-prefixed frames. */
final class TlsTestClient implements AutoCloseable {
  private final SSLSocket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  private TlsTestClient(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 32 * 1024));
  }

  /** Connects from {@code local} with {@code cert} (null: no client certificate). */
  static TlsTestClient connect(int port, TlsCertificates.Issued cert, String local)
      throws Exception {
    return connect(port, cert, local, 0);
  }

  /** As above, with the socket's receive buffer set to {@code receiveBuffer} bytes (0: default). */
  static TlsTestClient connect(int port, TlsCertificates.Issued cert, String local,
      int receiveBuffer) throws Exception {
    KeyManager[] keys = null;
    if (cert != null) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("c", cert.key(), new char[0], new Certificate[] {cert.certificate()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
      keys = kmf.getKeyManagers();
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(keys, new TrustManager[] {new AnyServer()}, null);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.setSoTimeout(10_000);
    s.startHandshake();
    return new TlsTestClient(s);
  }

  CommandResponse call(CommandRequest request) throws Exception {
    send(request);
    flush();
    return read();
  }

  /** Queues {@code request} without waiting for its reply (pipelining); sent by {@link #flush}. */
  void send(CommandRequest request) throws IOException {
    byte[] frame = request.encode();
    out.writeInt(frame.length);
    out.write(frame);
  }

  /** Queues raw bytes: a hostile client's frames. */
  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
  }

  void flush() throws IOException {
    out.flush();
  }

  /** The certificate the host presented. */
  X509Certificate serverCertificate() throws IOException {
    return (X509Certificate) socket.getSession().getPeerCertificates()[0];
  }

  CommandResponse read() throws Exception {
    byte[] reply = new byte[in.readInt()];
    in.readFully(reply);
    return CommandResponse.decode(reply);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** The host's certificate is not what these tests check. */
  private static final class AnyServer implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("client only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
