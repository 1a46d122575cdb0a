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
    ShimArgs a;
    try {
      a = ShimArgs.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("usage: " + ShimArgs.USAGE + "\n" + e.getMessage());
      return 2;
    }
    try {
      return converse(a, out);
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

  private static int converse(ShimArgs a, PrintStream out) throws Exception {
    CryptoProvider provider = CryptoProviders.jca();
    IdentityFile pid = IdentityFile.read(a.pid(), IdentityKind.PARTITION);
    TestKeyFile key = TestKeyFile.read(a.clientKey());
    ClientHandshake hs = new ClientHandshake(provider, key.toStaticKey(provider), a.serial(),
        pid.identity());
    Socket s = new Socket();
    s.connect(new InetSocketAddress(a.host(), a.port()), TIMEOUT_MILLIS);
    s.setSoTimeout(TIMEOUT_MILLIS);
    try (StcConnection conn = StcConnection.connect(s.getInputStream(), s.getOutputStream(), s,
        hs)) {
      out.println(HexFormat.of().formatHex(conn.call(a.message())));
      if (a.expectClose()) {
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

  /** The parsed command line. */
  record ShimArgs(String host, int port, long serial, Path pid, Path clientKey, byte[] message,
      boolean expectClose) {
    static final String USAGE = "-host H -port P -serial S -pid FILE -client-key FILE -message HEX"
        + " [-expect-close]";

    static ShimArgs parse(String[] args) {
      String host = null;
      String port = null;
      String serial = null;
      String pid = null;
      String key = null;
      String message = null;
      boolean expectClose = false;
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("-expect-close")) {
          expectClose = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value after " + name);
        }
        String v = args[++i];
        switch (name) {
          case "-host": host = v; break;
          case "-port": port = v; break;
          case "-serial": serial = v; break;
          case "-pid": pid = v; break;
          case "-client-key": key = v; break;
          case "-message": message = v; break;
          default: throw new IllegalArgumentException("unknown option " + name);
        }
      }
      if (host == null || port == null || serial == null || pid == null || key == null
          || message == null) {
        throw new IllegalArgumentException("all of -host -port -serial -pid -client-key -message"
            + " are required");
      }
      return new ShimArgs(host, Integer.parseInt(port), Long.parseLong(serial), Path.of(pid),
          Path.of(key), HexFormat.of().parseHex(message), expectClose);
    }
  }
}
