package org.openstc.stc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;

/** The blocking adapter over real sockets: a full exchange, and a silent client timing out. */
class StreamAdapterTest {

  @Test
  void clientAndPartitionExchangeMessagesOverSockets() throws Exception {
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<byte[]> served = CompletableFuture.supplyAsync(() -> {
        try (Socket s = server.accept();
             StcConnection c = StcConnection.accept(Transport.of(s), f.partition())) {
          byte[] request = c.receive();
          c.send(request);
          return request;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
      try (StcConnection client = StcConnection.connect(Transport.of(s),
          f.client(Suite.defaultOffer(KeyType.X25519)))) {
        assertArrayEquals(new byte[] {1, 2, 3}, client.call(new byte[] {1, 2, 3}));
      }
      assertArrayEquals(new byte[] {1, 2, 3}, served.get(1, TimeUnit.MINUTES));
    }
  }

  @Test
  void silentClientHitsTheActivationTimeout() throws Exception {
    Fixture f = new Fixture(CryptoProviders.jca(), KeyType.X25519, ChannelPolicy.defaults());
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
         Socket s = server.accept()) {
      PartitionHandshake hs = new PartitionHandshake(f.provider, f.resolver(), System.nanoTime(), 1);
      StcException e = assertThrows(StcException.class,
          () -> StcConnection.accept(Transport.of(s), hs));
      assertEquals(StcError.CKR_STC_ACTIVATION_TIMEOUT, e.error());
    }
  }
}
