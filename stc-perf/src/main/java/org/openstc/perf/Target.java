package org.openstc.perf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.ByteBuffer;
import java.util.List;
import org.openstc.command.Requests;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StaticKeyAgreement;
import org.openstc.stc.Suite;

/** One peer to measure: how a client connection to it is built and what a message looks like. */
abstract class Target {
  final String name;
  final int port;

  Target(String name, int port) {
    this.name = name;
    this.port = port;
  }

  /** Adds the protocol handlers in front of {@code driver}, which completes {@code ready}. */
  abstract void init(SocketChannel ch, Driver driver) throws Exception;

  /** The bytes the driver writes for one message carrying {@code payload}. */
  abstract byte[] message(byte[] payload);

  @Override
  public String toString() {
    return name;
  }

  /** Plain TCP or TLS 1.3: a 4-byte length, then the payload. */
  static Target framed(String name, int port, SslContext tls) {
    return new Target(name, port) {
      @Override
      void init(SocketChannel ch, Driver driver) {
        if (tls != null) {
          // The JDK client caches sessions by peer host:port and resumes with a PSK when it can;
          // a distinct cache key per connection makes every handshake a full one (figure d).
          SslHandler ssl = tls.newHandler(ch.alloc(), "127.0.0.1", nextSessionKey());
          ch.pipeline().addLast("tls", ssl);
          ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
              driver.ready.trySuccess(null);
            } else {
              driver.ready.tryFailure(f.cause());
            }
          });
        } else {
          driver.readyOnActive = true;
        }
        ch.pipeline().addLast("frames",
            new LengthFieldBasedFrameDecoder(Message.MAX_MESSAGE + 4, 0, 4, 0, 0));
        ch.pipeline().addLast("wrap", WRAP);
      }

      @Override
      byte[] message(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload)
            .array();
      }
    };
  }

  private static final java.util.concurrent.atomic.AtomicInteger SESSION_KEYS =
      new java.util.concurrent.atomic.AtomicInteger();

  /** A fake peer port, used only as the JDK's client session-cache key: never the same twice. */
  private static int nextSessionKey() {
    return 1 + Math.floorMod(SESSION_KEYS.getAndIncrement(), 65_535);
  }

  private static final Wrap WRAP = new Wrap();

  @io.netty.channel.ChannelHandler.Sharable
  private static final class Wrap extends MessageToMessageEncoder<byte[]> {
    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] msg, List<Object> out) {
      ByteBuf b = Unpooled.wrappedBuffer(msg);
      out.add(b);
    }
  }

  /**
   * STC/1 to {@code serial}: the echo command of the partition host when {@code command}, else the
   * payload itself (raw record echo).
   */
  static Target stc(String name, int port, long serial, PeerIdentity partition,
      StaticKeyAgreement client, Suite suite, boolean command) {
    return stc(name, port, serial, partition, client, suite, command, false);
  }

  /**
   * As above; {@code several}: the client asks for several messages per record right after
   * ACTIVATE (docs/protocol.md 24a) and packs what it flushes together once granted.
   */
  static Target stc(String name, int port, long serial, PeerIdentity partition,
      StaticKeyAgreement client, Suite suite, boolean command, boolean several) {
    return new Target(name, port) {
      @Override
      void init(SocketChannel ch, Driver driver) throws Exception {
        initStc(ch, driver, serial, partition, client, suite, null, several);
      }

      @Override
      byte[] message(byte[] payload) {
        return command ? Requests.echo(1, payload).encode() : payload;
      }
    };
  }

  /**
   * STC/1 to {@code serial} that sends {@code login} once the channel is active and then, as every
   * message, {@code request} (a real command: figure r).
   */
  static Target stcCommand(String name, int port, long serial, PeerIdentity partition,
      StaticKeyAgreement client, Suite suite, byte[] login, byte[] request) {
    return new Target(name, port) {
      @Override
      void init(SocketChannel ch, Driver driver) throws Exception {
        initStc(ch, driver, serial, partition, client, suite, login, true);
      }

      @Override
      byte[] message(byte[] payload) {
        return request;
      }
    };
  }

  private static void initStc(SocketChannel ch, Driver driver, long serial, PeerIdentity partition,
      StaticKeyAgreement client, Suite suite, byte[] login, boolean several) throws Exception {
    ClientHandshake hs = new ClientHandshake(CryptoProviders.tuned(), client, serial, partition,
        List.of(suite));
    StcClientCodec.Sealer sealer = new StcClientCodec.Sealer();
    ch.pipeline().addLast("stc", new StcClientCodec.Decoder(hs, sealer, driver, login, several));
    ch.pipeline().addLast("seal", sealer);
  }
}
