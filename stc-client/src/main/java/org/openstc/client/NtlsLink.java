package org.openstc.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.openstc.client.StcClientException.Kind;
import org.openstc.command.CkResult;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.LinkBodies;
import org.openstc.command.MalformedCommandException;
import org.openstc.stc.io.StcConnection;

/**
 * One NTLS link (docs/protocol.md Part 3): a TLS connection with the client certificate, to a host
 * whose certificate is pinned, carrying length-prefixed command frames. Before {@link #bind} it
 * answers {@link #list}; bound, it carries a {@link PartitionConnection}.
 */
public final class NtlsLink implements Carrier {
  private final SSLSocket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final String where;
  private long ids = 1;

  private NtlsLink(SSLSocket socket, String where) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = new DataOutputStream(socket.getOutputStream());
    this.where = where;
  }

  /** Connects to {@code server} of {@code config} and completes the TLS handshake. */
  public static NtlsLink connect(NtlsConfig config, NtlsConfig.Server server, Duration timeout)
      throws StcClientException {
    String where = server.name() + ":" + server.port();
    SSLSocket socket = open(config, server.name(), server.port(), timeout);
    try {
      return new NtlsLink(socket, where);
    } catch (IOException e) {
      close(socket);
      throw failure(e, where);
    }
  }

  /** A TLS socket to {@code host:port} with the client's certificate and the pinned server's. */
  static SSLSocket open(NtlsConfig config, String host, int port, Duration timeout)
      throws StcClientException {
    String where = host + ":" + port;
    SSLSocket socket = null;
    boolean connected = false;
    try {
      SSLContext tls = context(config.clientKey(), config.clientCertificate(),
          config.serverCertificate(host));
      socket = (SSLSocket) tls.getSocketFactory().createSocket();
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      connected = true;
      socket.setSoTimeout((int) timeout.toMillis());
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      SSLParameters p = socket.getSSLParameters();
      p.setProtocols(LinkBodies.PROTOCOLS.toArray(String[]::new));
      p.setCipherSuites(LinkBodies.CIPHER_SUITES.toArray(String[]::new));
      socket.setSSLParameters(p);
      socket.startHandshake();
      return socket;
    } catch (GeneralSecurityException e) {
      close(socket);
      throw new StcClientException(Kind.CONFIG, "cannot set up TLS: " + e.getMessage(), null, e);
    } catch (IOException e) {
      close(socket);
      throw connected ? firstExchangeFailure(e, where) : failure(e, where);
    }
  }

  private static SSLContext context(PrivateKey key, X509Certificate cert, X509Certificate server)
      throws GeneralSecurityException, IOException {
    char[] none = new char[0];
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("client", key, none, new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, none);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), new TrustManager[] {new PinnedServerTrust(server)}, null);
    return ctx;
  }

  /** LINK_LIST: the partitions assigned to this client. */
  public List<LinkBodies.Assigned> list() throws StcClientException {
    try {
      return LinkBodies.decodeList(call(LinkBodies.LINK_LIST, new byte[0]).bodyOrThrow());
    } catch (MalformedCommandException e) {
      throw new StcClientException(Kind.CHANNEL, "malformed LINK_LIST reply from " + where, null, e);
    } catch (org.openstc.command.CkException e) {
      throw new StcClientException(Kind.COMMAND, e.getMessage(), null, e);
    }
  }

  /** LINK_BIND: binds the link to {@code serial}; then use {@link #connection}. */
  public void bind(long serial) throws StcClientException {
    CommandResponse r = call(LinkBodies.LINK_BIND, LinkBodies.encodeBind(serial));
    if (!r.isOk()) {
      CkResult code = r.result();
      throw new StcClientException(code == CkResult.CKR_SLOT_ID_INVALID ? Kind.PARTITION_UNKNOWN
          : Kind.COMMAND, "host " + where + " refused partition " + serial + ": " + r.message(),
          code == CkResult.CKR_SLOT_ID_INVALID ? "ask the host administrator to run client"
              + " assignPartition" : null);
    }
  }

  /** The bound link as a partition connection (the link belongs to it from now on). */
  public PartitionConnection connection(long serial, Duration timeout) throws StcClientException {
    try {
      socket.setSoTimeout(0);
    } catch (IOException e) {
      throw failure(e, where);
    }
    return PartitionConnection.overNtls(this, serial, timeout);
  }

  private CommandResponse call(int opcode, byte[] body) throws StcClientException {
    long id = ids++;
    try {
      send(new CommandRequest(id, opcode, body).encode());
      byte[] reply = receive();
      if (reply == null) {
        throw new EOFException("the host closed the link");
      }
      CommandResponse r = CommandResponse.decode(reply);
      if (r.requestId() == LinkBodies.CLOSING_NOTICE_ID) {
        throw closingNotice(r, -1, where);
      }
      return r;
    } catch (IOException e) {
      throw id == 1 ? firstExchangeFailure(e, where) : failure(e, where);
    } catch (MalformedCommandException e) {
      throw new StcClientException(Kind.CHANNEL, "malformed reply from " + where, null, e);
    }
  }

  @Override
  public synchronized void send(byte[] frame) throws IOException {
    out.writeInt(frame.length);
    out.write(frame);
    out.flush();
  }

  @Override
  public byte[] receive() throws IOException {
    int length;
    try {
      length = in.readInt();
    } catch (EOFException e) {
      return null;
    }
    if (length <= 0 || length > LinkBodies.MAX_FRAME) {
      throw new IOException("frame length " + length + " out of range from " + where);
    }
    byte[] frame = new byte[length];
    in.readFully(frame);
    return frame;
  }

  @Override
  public void close() {
    close(socket);
  }

  @Override
  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public StcConnection stc() {
    return null;
  }

  /** {@code host:port (NTLS)}. */
  public String describe() {
    return where + " (NTLS)";
  }

  /** The exception for the host's closing notice (section 37). */
  static StcClientException closingNotice(CommandResponse r, long serial, String where) {
    CkResult code = r.result();
    Kind kind = code == CkResult.CKR_SLOT_ID_INVALID ? Kind.PARTITION_UNKNOWN
        : code == CkResult.CKR_ACTION_PROHIBITED ? Kind.NOT_REGISTERED : Kind.CHANNEL;
    return new StcClientException(kind, "host " + where + " closed the NTLS link"
        + (serial >= 0 ? " to partition " + serial : "") + ": " + r.message(), null);
  }

  /**
   * The handshake or the link's first message failed after the TCP connection was made. In TLS 1.3 the client's handshake ends before the host has
   * checked the client's certificate, so a host that refuses it (unregistered or deleted client,
   * wrong address) closes the connection under that first message: the client then sees the alert,
   * or only a reset, a broken pipe or the end of the stream, depending on timing.
   */
  private static StcClientException firstExchangeFailure(IOException e, String where) {
    if (e instanceof SSLException || e instanceof java.net.SocketTimeoutException) {
      return failure(e, where);
    }
    return new StcClientException(Kind.NOT_REGISTERED, "host " + where + " refused the TLS link"
        + " (it closed the connection at the link's first message: " + e.getMessage() + ")",
        "the host must register this client's certificate and address (client register) and"
        + " assign it a partition; if it is registered, check that the host is running", e);
  }

  private static StcClientException failure(IOException e, String where) {
    if (e instanceof SSLException) {
      String m = String.valueOf(e.getMessage());
      if (m.contains(PinnedServerTrust.MISMATCH)) {
        return new StcClientException(Kind.PARTITION_AUTH_FAILED, "host " + where + " presented "
            + "a certificate other than the one added for it", "get its current server.pem and"
            + " run vtl deleteServer, then vtl addServer", e);
      }
      return new StcClientException(Kind.NOT_REGISTERED, "host " + where + " refused the TLS"
          + " link (" + m + ")", "the host must register this client's certificate and address"
          + " (client register) and assign it a partition", e);
    }
    return Diagnosis.of(e, where);
  }

  private static void close(java.net.Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // Closing anyway.
      }
    }
  }
}
