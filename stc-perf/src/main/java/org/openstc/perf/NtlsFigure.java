package org.openstc.perf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.openstc.command.CommandRequest;
import org.openstc.command.CommandResponse;
import org.openstc.command.LinkBodies;
import org.openstc.command.Requests;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.crypto.bc.internal.TlsCertificates.KeyAlgorithm;
import org.openstc.partition.ntls.NtlsServer;
import org.openstc.stc.KeyType;

/**
 * Figure n: NTLS (the command protocol inside mutually authenticated TLS, a real
 * {@link NtlsServer} on the same host store) beside STC's echo command and the TLS 1.3 echo, in
 * the same run: round trips at window 1 ({@code rt}), 4 links x 64 outstanding ({@code 4x64}), and
 * new links per second ({@code links}: TLS handshake, LINK_BIND, one echo). The NTLS client is a
 * Netty pipeline (TLS, u32 length frames, the bind step); its server certificate check is off (the
 * figure measures cost, not trust).
 */
final class NtlsFigure implements AutoCloseable {
  static final String NAME = "NTLS echo cmd";
  private static final AtomicInteger SESSION_KEYS = new AtomicInteger();

  private final NtlsServer server;
  private final SslContext clientTls;
  private final long serial;

  NtlsFigure(StcFixture stc) throws Exception {
    TlsCertificates.Issued host = TlsCertificates.selfSigned("perf-host", KeyAlgorithm.ECDSA_P256);
    TlsCertificates.Issued client = TlsCertificates.selfSigned("perf", KeyAlgorithm.ECDSA_P256);
    stc.store.ntlsServerKey().save(host.certificate().getEncoded(), host.key().getEncoded());
    serial = stc.part(KeyType.X25519).serial();
    stc.store.ntls().register("perf", "", "127.0.0.1", client.certificate().getEncoded());
    stc.store.ntls().assign("perf", stc.store.partitions().bySerial(serial).name());
    server = NtlsServer.start(stc.store, 0, NtlsServer.NO_PARTITION_FORCES_STC);
    clientTls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
        .keyManager(client.key(), client.certificate())
        .trustManager(InsecureTrustManagerFactory.INSTANCE)
        .protocols(LinkBodies.PROTOCOLS.toArray(String[]::new)).build();
  }

  /** Runs the three cases for {@code tls} (reference), NTLS and {@code stc} in {@code main}. */
  void run(PerfMain main, PerfClient client, Target tls, Target stc) throws Exception {
    List<Target> all = List.of(tls, target(), stc);
    main.windowed("n", "rt ", client, main.o.sizes(), 1, 1, "rt/s", all);
    main.windowed("n", "4x64 ", client, main.o.sizes(), 4, 64, "msg/s", all);
    main.handshakes("n", "links", client, all);
  }

  /** An NTLS link to the X25519 partition, bound before the driver starts. */
  Target target() {
    return new Target(NAME, server.port()) {
      @Override
      void init(SocketChannel ch, Driver driver) {
        SslHandler ssl = clientTls.newHandler(ch.alloc(), "127.0.0.1",
            1 + Math.floorMod(SESSION_KEYS.getAndIncrement(), 65_535)); // no resumption
        ch.pipeline().addLast("tls", ssl);
        ch.pipeline().addLast("frames",
            new LengthFieldBasedFrameDecoder(Message.MAX_MESSAGE + 4, 0, 4, 0, 0));
        ch.pipeline().addLast("bind", new Bind(driver));
        ssl.handshakeFuture().addListener(f -> {
          if (f.isSuccess()) {
            byte[] bind = new CommandRequest(1, LinkBodies.LINK_BIND,
                LinkBodies.encodeBind(serial)).encode();
            ch.writeAndFlush(Unpooled.wrappedBuffer(frame(bind)));
          } else {
            driver.ready.tryFailure(f.cause());
          }
        });
        ch.pipeline().addLast("wrap", new io.netty.handler.codec.MessageToMessageEncoder<byte[]>() {
          @Override
          protected void encode(ChannelHandlerContext ctx, byte[] msg, List<Object> out) {
            out.add(Unpooled.wrappedBuffer(msg));
          }
        });
      }

      @Override
      byte[] message(byte[] payload) {
        return frame(Requests.echo(2, payload).encode());
      }
    };
  }

  private static byte[] frame(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  /** Reads the LINK_BIND answer, then steps aside and lets the driver start. */
  private static final class Bind extends ChannelInboundHandlerAdapter {
    private final Driver driver;

    Bind(Driver driver) {
      this.driver = driver;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      ByteBuf b = (ByteBuf) msg;
      try {
        byte[] reply = new byte[b.readableBytes() - 4];
        b.getBytes(b.readerIndex() + 4, reply);
        CommandResponse r = CommandResponse.decode(reply);
        ctx.pipeline().remove(this);
        if (r.isOk()) {
          driver.ready.trySuccess(null);
        } else {
          driver.ready.tryFailure(new IllegalStateException("LINK_BIND: " + r.result()));
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
