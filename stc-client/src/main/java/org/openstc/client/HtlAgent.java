package org.openstc.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocket;
import org.openstc.command.HtlBodies;
import org.openstc.command.HtlToken;
import org.openstc.command.MalformedCommandException;
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;
import java.nio.charset.StandardCharsets;

/**
 * The client's HTL agent for one server (docs/protocol.md Part 4): it watches
 * {@code htl/SERVER.ott}, consumes a token dropped there, then keeps the link up, advancing the
 * rolling secret ({@link HtlSecretFile}) once every polling interval. Status changes go to
 * {@code status}: {@code Up}, {@code Attempting to connect: ...}, {@code Down: ...}. A refusal
 * ends the secret (and renames a refused token {@code .ott.refused}); the agent then waits for a
 * new token.
 */
public final class HtlAgent implements Runnable, AutoCloseable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration READ_MARGIN = Duration.ofSeconds(5);

  private final NtlsConfig config;
  private final String server;
  private final int port;
  private final Duration interval;
  private final Duration readTimeout;
  private final Consumer<String> status;
  private final HtlSecretFile secretFile;
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile SSLSocket socket;
  private String last = "";

  public HtlAgent(Path home, String server, int port, Duration interval, Consumer<String> status)
      throws StcClientException {
    this(home, server, port, interval, interval.plus(READ_MARGIN), status);
  }

  /** With the read timeout given (a test's short one; by default interval + 5 s). */
  HtlAgent(Path home, String server, int port, Duration interval, Duration readTimeout,
      Consumer<String> status) throws StcClientException {
    this.readTimeout = readTimeout;
    this.config = NtlsConfig.load(home);
    this.server = config.server(server).orElseThrow(() -> new StcClientException(
        StcClientException.Kind.CONFIG, "server " + server + " is not in the server list",
        "vtl addServer -n " + server + " -c server.pem -htl")).name();
    this.port = port;
    this.interval = interval;
    this.status = status;
    this.secretFile = new HtlSecretFile(config.htlDir(), this.server,
        () -> config.derivedKey(HtlSecretFile.PURPOSE));
  }

  /** The agent's last status line, for {@code vtl htl show}. */
  public Path statusFile() {
    return config.htlDir().resolve(server + ".status");
  }

  public Path ottFile() {
    return config.htlDir().resolve(server + ".ott");
  }

  @Override
  public void run() {
    while (stop.getCount() > 0) {
      Optional<HtlToken> ott = Optional.empty();
      try {
        ott = readOtt();
        if (ott.isEmpty() && secretFile.load().isEmpty()) {
          report("Down: waiting for a one-time token in " + ottFile());
          pause(interval);
          continue;
        }
        report("Attempting to connect");
        try (SSLSocket s = NtlsLink.open(config, server, port, readTimeout)) {
          socket = s;
          DataInputStream in = new DataInputStream(s.getInputStream());
          DataOutputStream out = new DataOutputStream(s.getOutputStream());
          while (stop.getCount() > 0) {
            HtlExchange.run(body -> {
              send(out, body);
              return receive(in);
            }, secretFile, ott);
            if (ott.isPresent()) {
              Files.deleteIfExists(ottFile());
              SecretBytes.wipe(ott.get().token());
              ott = Optional.empty();
            }
            report("Up");
            pause(interval);
          }
        }
      } catch (HtlExchange.Refused e) {
        report("Down: refused by the host: " + e.getMessage());
        forget(ott.isPresent());
        pause(interval);
      } catch (IOException | StcClientException e) {
        report("Attempting to connect: " + e.getMessage());
        pause(RETRY);
      }
    }
  }

  private Optional<HtlToken> readOtt() throws HtlExchange.Refused, IOException {
    if (!Files.exists(ottFile())) {
      return Optional.empty();
    }
    try {
      return Optional.of(HtlToken.decode(SmallFiles.read(ottFile())));
    } catch (MalformedCommandException e) {
      throw new HtlExchange.Refused(ottFile() + ": " + e.getMessage() + " (not sent)");
    }
  }

  private void forget(boolean token) {
    try {
      if (Files.exists(ottFile())) {
        Files.move(ottFile(), ottFile().resolveSibling(server + ".ott.refused"),
            StandardCopyOption.REPLACE_EXISTING);
      } else if (!token) {
        secretFile.delete();
      }
    } catch (IOException e) {
      report("Down: cannot set the refused files aside: " + e.getMessage());
    }
  }

  private static void send(DataOutputStream out, byte[] body) throws IOException {
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  private static byte[] receive(DataInputStream in) throws IOException, HtlExchange.Refused,
      MalformedCommandException {
    int n = in.readInt();
    if (n < 1 || n > HtlBodies.MAX_MESSAGE) {
      throw new IOException("HTL message of " + n + " bytes");
    }
    byte[] body = new byte[n];
    in.readFully(body);
    if (HtlBodies.type(body) == HtlBodies.REFUSED) {
      throw new HtlExchange.Refused(HtlBodies.decodeRefused(body).message());
    }
    return body;
  }

  private void report(String line) {
    if (!line.equals(last)) {
      last = line;
      status.accept(line);
      try {
        OwnerOnlyFiles.createDirectories(config.htlDir());
        OwnerOnlyFiles.write(statusFile(), (line + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        status.accept("cannot write " + statusFile() + ": " + e.getMessage());
      }
    }
  }

  private void pause(Duration d) {
    try {
      stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.countDown();
    }
  }

  /** Stops the agent and closes its link (the host sees the link go down). */
  @Override
  public void close() {
    stop.countDown();
    SSLSocket s = socket;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
