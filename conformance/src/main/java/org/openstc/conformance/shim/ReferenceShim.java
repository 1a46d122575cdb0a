package org.openstc.conformance.shim;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.HexFormat;
import org.openstc.conformance.keys.TestKeyFile;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.identity.IdentityKind;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.StcError;
import org.openstc.stc.StcException;
import org.openstc.stc.io.StcConnection;
import org.openstc.stc.io.Transport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * openstc's own client shim for {@code -target client} (contract in conformance/README.md):
 * connects with {@link ClientHandshake} and {@link StcConnection}, sends the message, prints the
 * reply as hex and exits 0, or prints {@code ERROR <StcError name>} (or {@code ERROR TIMEOUT}) and
 * exits 1. Usage errors exit 2.
 */
public final class ReferenceShim {
  /** How long the shim waits for any answer before giving up with {@code ERROR TIMEOUT}. */
  static final int TIMEOUT_MILLIS = 5000;

  private ReferenceShim() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    ShimArgs a = new ShimArgs();
    try {
      new CommandLine(a).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      err.println(e.getMessage());
      e.getCommandLine().usage(err);
      return 2;
    }
    byte[] message;
    try {
      message = HexFormat.of().parseHex(a.messageHex);
    } catch (IllegalArgumentException e) {
      err.println("-message is not hex: " + e.getMessage());
      return 2;
    }
    try {
      return converse(a, message, out);
    } catch (StcException e) {
      out.println("ERROR " + e.error().name());
      err.println(e.getMessage());
      return 1;
    } catch (SocketTimeoutException e) {
      out.println("ERROR TIMEOUT");
      return 1;
    } catch (EOFException e) {
      out.println("ERROR " + StcError.CKR_STC_CHANNEL_CLOSED.name());
      err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      out.println("ERROR IO " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("shim setup failed: " + e);
      return 2;
    }
  }

  private static int converse(ShimArgs a, byte[] message, PrintStream out) throws Exception {
    CryptoProvider provider = CryptoProviders.jca();
    IdentityFile pid = IdentityFile.read(a.pid, IdentityKind.PARTITION);
    TestKeyFile key = TestKeyFile.read(a.clientKey);
    ClientHandshake hs = new ClientHandshake(provider, key.toStaticKey(provider), a.serial,
        pid.identity());
    Socket s = new Socket();
    s.connect(new InetSocketAddress(a.host, a.port), TIMEOUT_MILLIS);
    s.setSoTimeout(TIMEOUT_MILLIS);
    try (StcConnection conn = StcConnection.connect(Transport.of(s), hs)) {
      out.println(HexFormat.of().formatHex(conn.call(message)));
      if (a.expectClose) {
        byte[] more = conn.receive();
        if (more != null) {
          throw new StcException(StcError.CKR_STC_UNEXPECTED_MESSAGE,
              "partition sent data where it should have closed");
        }
        out.println("CLOSED");
      }
      return 0;
    }
  }

  /** The command line; every option but {@code -expect-close} is required. */
  @Command(name = "stc-conformance-shim",
      description = "openstc's client shim for stc-conformance -target client.")
  static final class ShimArgs {
    @Option(names = "-host", required = true) String host;
    @Option(names = "-port", required = true) int port;
    @Option(names = "-serial", required = true) long serial;
    @Option(names = "-pid", required = true, description = "the partition identity file")
    Path pid;
    @Option(names = "-client-key", required = true, description = "the client's .testkey file")
    Path clientKey;
    @Option(names = "-message", required = true, paramLabel = "HEX",
        description = "the request to send, in hex")
    String messageHex;
    @Option(names = "-expect-close", description = "after the reply, expect the partition to close")
    boolean expectClose;
  }
}
