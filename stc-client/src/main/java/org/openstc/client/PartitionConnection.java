package org.openstc.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.openstc.command.ChannelFeatures;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.LinkBodies;
import org.openstc.command.MalformedCommandException;
import org.openstc.crypto.CryptoProvider;
import org.openstc.stc.ChannelInfo;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StaticKeyAgreement;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;

/**
 * One STC channel (or one NTLS link, {@link NtlsLink}) to one partition, carrying command requests. Requests may be pipelined
 * ({@link #submit}); a reader thread matches replies to requests by id. When the channel fails,
 * every pending request fails with the same diagnosis and the connection is closed. On STC the
 * connection asks for several messages per record right after the handshake (CHANNEL_FEATURES,
 * docs/protocol.md 24a), without waiting: requests pipelined by several threads then share
 * records once the partition agreed; a host that does not know the request answers it as an
 * unknown opcode and every request keeps its own record.
 */
public final class PartitionConnection implements AutoCloseable {
  private final Carrier connection;
  private final long serial;
  private final String where;
  private final Duration timeout;
  private final AtomicLong ids = new AtomicLong(1);
  private final Map<Long, CompletableFuture<CommandResponse>> pending = new ConcurrentHashMap<>();
  private final Thread reader;
  private volatile StcClientException failure;

  private PartitionConnection(Carrier connection, long serial, String where,
      Duration timeout) {
    this.connection = connection;
    this.serial = serial;
    this.where = where;
    this.timeout = timeout;
    this.reader = new Thread(this::readLoop, "stc-reader-" + serial);
    reader.setDaemon(true);
  }

  /** Connects, runs the handshake and starts the reader. */
  public static PartitionConnection open(CryptoProvider provider, InetSocketAddress address,
      StaticKeyAgreement identity, long serial, PeerIdentity partition, Duration timeout)
      throws StcClientException {
    return open(provider, address, null, identity, serial, partition, timeout);
  }

  /**
   * As above; with {@code tls} (the host's pinned certificate, not null) the channel runs inside
   * TLS (STC inside TLS, docs/protocol.md section 37a).
   */
  public static PartitionConnection open(CryptoProvider provider, InetSocketAddress address,
      java.security.cert.X509Certificate tls, StaticKeyAgreement identity, long serial,
      PeerIdentity partition, Duration timeout) throws StcClientException {
    String where = address.getHostString() + ":" + address.getPort();
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      if (tls != null) {
        socket = StcTls.wrap(socket, address.getHostString(), tls, where + " (STC inside TLS)");
      }
      StcConnection conn = StcConnection.connect(Transport.of(socket),
          new ClientHandshake(provider, identity, serial, partition));
      socket.setSoTimeout(0);
      PartitionConnection pc = new PartitionConnection(Carrier.of(conn), serial, where, timeout);
      pc.reader.start();
      pc.offerSeveralPerRecord(conn);
      return pc;
    } catch (IOException e) {
      closeQuietly(socket);
      throw Diagnosis.of(e, where);
    } catch (StcException e) {
      closeQuietly(socket);
      throw Diagnosis.of(e, serial, where);
    }
  }

  /** A connection over an NTLS link already bound to partition {@code serial}. */
  static PartitionConnection overNtls(NtlsLink link, long serial, Duration timeout) {
    PartitionConnection pc = new PartitionConnection(link, serial, link.describe(), timeout);
    pc.reader.start();
    return pc;
  }

  /** {@code STC} or {@code NTLS}: the link this connection runs on. */
  public String linkType() {
    return connection.stc() == null ? "NTLS" : "STC";
  }

  /**
   * Offers several messages per record; packs requests once the partition grants it. Packed
   * replies are accepted from the moment of the offer (the partition may pack its answer).
   */
  private void offerSeveralPerRecord(StcConnection conn) {
    conn.channel().acceptSeveralPerRecord();
    submit(ChannelFeatures.request(nextId(), ChannelFeatures.SEVERAL_PER_RECORD)).thenAccept(r -> {
      if ((ChannelFeatures.granted(r) & ChannelFeatures.SEVERAL_PER_RECORD) != 0) {
        conn.packSeveral();
      }
    });
  }

  /** Whether requests sent together share records (the partition granted it; STC only). */
  public boolean packsSeveralPerRecord() {
    return connection.stc() != null && connection.stc().packsSeveral();
  }

  /** The next request id. */
  public long nextId() {
    return ids.getAndIncrement();
  }

  /** Sends a request without waiting; the future completes with the reply or the failure. */
  public CompletableFuture<CommandResponse> submit(CommandRequest request) {
    CompletableFuture<CommandResponse> f = new CompletableFuture<>();
    if (failure != null) {
      f.completeExceptionally(failure);
      return f;
    }
    pending.put(request.requestId(), f);
    byte[] frame = request.encode();
    try {
      connection.send(frame);
    } catch (IOException e) {
      fail(Diagnosis.of(e, where));
    } catch (StcException e) {
      fail(Diagnosis.onChannel(e, serial, where));
    } finally {
      request.wipeIfPin(frame); // a LOGIN's PIN does not outlive its sending
    }
    return f;
  }

  /** Sends a request and waits for its reply (which may carry an error result). */
  public CommandResponse call(CommandRequest request) throws StcClientException {
    try {
      return submit(request).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StcClientException ? (StcClientException) e.getCause()
          : new StcClientException(StcClientException.Kind.CHANNEL, e.getCause().toString(), null);
    } catch (TimeoutException e) {
      pending.remove(request.requestId());
      throw new StcClientException(StcClientException.Kind.TIMEOUT, "no reply from partition "
          + serial + " within " + timeout.toSeconds() + " s", "retry later");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StcClientException(StcClientException.Kind.TIMEOUT, "interrupted", null);
    }
  }

  private void readLoop() {
    try {
      while (true) {
        byte[] reply = connection.receive();
        if (reply == null) {
          throw new StcException(StcError.CKR_STC_CHANNEL_CLOSED, "partition closed the channel");
        }
        CommandResponse r = CommandResponse.decode(reply);
        if (r.requestId() == LinkBodies.CLOSING_NOTICE_ID && connection.stc() == null) {
          fail(NtlsLink.closingNotice(r, serial, where));
          return;
        }
        CompletableFuture<CommandResponse> f = pending.remove(r.requestId());
        if (f != null) {
          f.complete(r);
        }
      }
    } catch (IOException e) {
      fail(Diagnosis.of(e, where));
    } catch (StcException e) {
      fail(Diagnosis.onChannel(e, serial, where));
    } catch (MalformedCommandException e) {
      fail(new StcClientException(StcClientException.Kind.CHANNEL,
          "malformed reply from partition " + serial + ": " + e.getMessage(), null));
    }
  }

  private void fail(StcClientException e) {
    if (failure == null) {
      failure = e;
    }
    pending.values().forEach(f -> f.completeExceptionally(failure));
    pending.clear();
    try {
      connection.close();
    } catch (IOException ignored) {
      // Already failing.
    }
  }

  /** Whether the channel is still usable. */
  public boolean isOpen() {
    return failure == null && !connection.isClosed();
  }

  /** Why the channel failed, or null. */
  public StcClientException failure() {
    return failure;
  }

  /** The STC channel's description; null on an NTLS link. */
  public ChannelInfo info() {
    return connection.stc() == null ? null : connection.stc().channel().info();
  }

  /** Live counters for {@code stc status}; null on an NTLS link. */
  public StcChannel channel() {
    return connection.stc() == null ? null : connection.stc().channel();
  }

  public long serial() {
    return serial;
  }

  @Override
  public void close() {
    if (failure == null) {
      failure = new StcClientException(StcClientException.Kind.CHANNEL, "channel closed", null);
    }
    try {
      connection.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    pending.values().forEach(f -> f.completeExceptionally(failure));
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // Nothing to do.
    }
  }
}
