package org.openstc.conformance.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Optional;
import org.openstc.crypto.CryptoProvider;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.ChannelPolicy;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcException;
import org.openstc.stc.io.internal.FrameReader;
import org.openstc.stc.wire.Frame;

/**
 * The suite playing a partition for one client connection: a loopback listener, a partition
 * identity (its {@code .pid} written for the shim), and a script that may follow the protocol or
 * break it at any step. After the script the connection stays open until the client closes it,
 * so the client reads everything that was sent.
 */
final class ScriptedPartition implements Closeable {
  /** What the partition does on the accepted connection. */
  interface Script {
    void run(Conversation c) throws Exception;
  }

  private final ServerSocket listener;
  private final Conversation.Setup setup;
  private final Path pid;
  private final Thread thread;
  private volatile Throwable scriptFailure;

  ScriptedPartition(CryptoProvider provider, InMemoryStaticKey partitionKey, long serial,
      InMemoryStaticKey clientKeyPublic, ChannelPolicy policy, Path dir, Script script)
      throws Exception {
    this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    InMemoryPeerRegistry registry = new InMemoryPeerRegistry().register("shim",
        clientKeyPublic.identity());
    PartitionEndpoint ep = new PartitionEndpoint(serial, partitionKey, registry, policy);
    this.setup = new Conversation.Setup(provider, ep);
    this.pid = dir.resolve("partition-" + serial + "-" + listener.getLocalPort() + ".pid");
    IdentityFile.partition(serial, "scripted", partitionKey.identity()).write(pid);
    this.thread = new Thread(() -> serve(script), "scripted-partition");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  long serial() {
    return setup.endpoint().serial();
  }

  Path pidFile() {
    return pid;
  }

  /** A problem in the script itself (not the client's behaviour), or null. */
  Throwable scriptFailure() {
    return scriptFailure;
  }

  private void serve(Script script) {
    try (Socket s = listener.accept()) {
      s.setSoTimeout(ClientTarget.SCRIPT_READ_MILLIS);
      Conversation c = new Conversation(setup, s);
      try {
        script.run(c);
      } catch (StcException | IOException clientGaveUp) {
        // the client's reaction is what the case observes, through the shim
      } catch (Exception | AssertionError e) {
        scriptFailure = e;
      }
      drain(s.getInputStream());
    } catch (IOException ignored) {
      // listener closed
    }
  }

  private static void drain(InputStream in) {
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) >= 0) {
        // until the client closes
      }
    } catch (IOException ignored) {
      // timeout or reset: done
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  /** One connection from the partition's point of view. */
  static final class Conversation {
    record Setup(CryptoProvider provider, PartitionEndpoint endpoint) {}

    private final Setup setup;
    private final Socket socket;
    private final FrameReader reader;
    private final OutputStream out;

    Conversation(Setup setup, Socket socket) throws IOException {
      this.setup = setup;
      this.socket = socket;
      this.reader = new FrameReader(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    /** Ends our sending direction: the client sees end of stream after what was sent. */
    void endOutput() throws IOException {
      socket.shutdownOutput();
    }

    PartitionEndpoint endpoint() {
      return setup.endpoint();
    }

    CryptoProvider provider() {
      return setup.provider();
    }

    /** A fresh partition-side handshake for this partition. */
    PartitionHandshake handshake() {
      PartitionEndpoint ep = setup.endpoint();
      return new PartitionHandshake(setup.provider(),
          s -> s == ep.serial() ? Optional.of(ep) : Optional.empty(), System.nanoTime(), 30);
    }

    Frame read() throws IOException, StcException {
      return reader.readRequired("the client's next frame");
    }

    void send(byte[]... frames) throws IOException {
      for (byte[] f : frames) {
        out.write(f);
      }
      out.flush();
    }

    /** Runs the honest handshake until ACTIVATE_RESPONSE has been sent. */
    StcChannel activate() throws IOException, StcException {
      PartitionHandshake hs = handshake();
      while (!hs.isActive()) {
        byte[] reply = hs.onFrame(read());
        if (reply != null) {
          send(reply);
        }
      }
      return hs.channel();
    }

    /** The payload of the client's next DATA record. */
    byte[] request(StcChannel ch) throws IOException, StcException {
      return ch.open(read()).payload();
    }
  }
}
