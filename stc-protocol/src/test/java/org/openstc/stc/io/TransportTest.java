package org.openstc.stc.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;

/** The two transports: a socket's read bound and description; a stream pair closed on failure. */
class TransportTest {

  @Test
  void socketTransportBoundsReadsAndDescribesThePeer() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept();
        Transport t = Transport.of(client)) {
      assertEquals(InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getLocalPort(),
          t.describe());
      t.readTimeout(50);
      assertThrows(SocketTimeoutException.class, () -> t.in().read());
      accepted.getOutputStream().write(7);
      accepted.getOutputStream().flush();
      t.readTimeout(0);
      assertEquals(7, t.in().read());
    }
  }

  @Test
  void failedHandshakeOverAStreamPairClosesIt() throws Exception {
    CryptoProvider jca = CryptoProviders.jca();
    AtomicBoolean closed = new AtomicBoolean();
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    Transport t = Transport.of(new ByteArrayInputStream(new byte[0]), sent,
        () -> closed.set(true), "a test pipe");
    t.readTimeout(10);
    assertEquals("a test pipe", t.describe());
    ClientHandshake hs = new ClientHandshake(jca, InMemoryStaticKey.generate(KeyType.X25519, jca),
        1, InMemoryStaticKey.generate(KeyType.X25519, jca).identity());
    IOException e = assertThrows(IOException.class, () -> StcConnection.connect(t, hs));
    assertTrue(e.getMessage().contains("handshake reply"), e.getMessage());
    assertTrue(sent.size() > 0, "the OPEN went out through the transport");
    assertTrue(closed.get(), "a failed handshake closes the transport");
  }
}
