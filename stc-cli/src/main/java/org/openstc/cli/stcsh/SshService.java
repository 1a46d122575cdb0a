package org.openstc.cli.stcsh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Optional;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.SshServer;
import org.openstc.crypto.bc.internal.TlsCertificates;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.SshHostKey;
import org.openstc.partition.store.StoreException;

/**
 * The host's SSH admin service (Apache MINA SSHD): the {@code stcsh:>} shell and one-command
 * mode ({@link SshSession}) for the administrator accounts ({@link SshAuth}), and scp confined to
 * each account's {@link FileArea} ({@link ScpArea}). Its host key is the store's Ed25519 key
 * ({@code sysconf fingerprint ssh}). At each login the NTLS server certificate, if the host has
 * one, is copied into the account's area as {@code server.pem}, so it always matches the current
 * certificate.
 */
final class SshService implements AutoCloseable {
  static final int DEFAULT_PORT = 22;
  /** Idle sessions end after 30 minutes, as on the vendor's appliance (7.7.1 and later). */
  static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
  /** The longest {@code -ssh-idle}: one day. */
  static final long MAX_IDLE_SECONDS = 86_400;
  static final String SERVER_PEM = SysconfCommands.SERVER_PEM;

  private final SshServer server;

  private SshService(SshServer server) {
    this.server = server;
  }

  /**
   * Starts the service on {@code bind}:{@code port} for the unsealed {@code store}; a session
   * with no traffic for {@code idle} is closed ({@link Duration#ZERO}: never).
   */
  static SshService start(HostStore store, String bind, int port, Duration idle)
      throws IOException, StoreException, GeneralSecurityException {
    Path home = store.home().toAbsolutePath().normalize();
    SshHostKey.Pair pair = store.sshHostKey().loadOrCreate();
    KeyPair hostKey;
    try {
      hostKey = SshKeys.hostKeyPair(pair);
    } finally {
      SshHostKey.wipe(pair);
    }
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost(bind);
    server.setPort(port);
    CoreModuleProperties.IDLE_TIMEOUT.set(server, idle);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    SshAuth auth = new SshAuth(store);
    server.setPasswordAuthenticator(auth);
    server.setPublickeyAuthenticator(auth);
    server.setKeyboardInteractiveAuthenticator(null);
    server.addSessionListener(auth);
    server.addSessionListener(new ServerPemCopy(store));
    server.setShellFactory(channel -> new SshSession(home, null));
    ScpArea scp = new ScpArea(home);
    server.setCommandFactory(new ScpCommandFactory.Builder()
        .withDelegate((channel, command) -> new SshSession(home, command))
        .withFileOpener(scp)
        .addEventListener(scp)
        .build());
    server.setFileSystemFactory(new VirtualFileSystemFactory() {
      @Override
      public Path getUserHomeDir(SessionContext session) throws IOException {
        return FileArea.of(home, session.getUsername()).dir();
      }
    });
    server.start();
    return new SshService(server);
  }

  /** The port it listens on (the one chosen when started with port 0). */
  int port() {
    for (SocketAddress a : server.getBoundAddresses()) {
      if (a instanceof InetSocketAddress i) {
        return i.getPort();
      }
    }
    return server.getPort();
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  /** Copies the NTLS server certificate into the area of each account that logs in. */
  private static final class ServerPemCopy implements SessionListener {
    private final HostStore store;

    ServerPemCopy(HostStore store) {
      this.store = store;
    }

    @Override
    public void sessionEvent(Session session, Event event) {
      if (event != Event.Authenticated) {
        return;
      }
      try {
        Optional<byte[]> der = store.ntlsServerKey().certificate();
        if (der.isPresent()) {
          FileArea.of(store.home(), session.getUsername()).write(SERVER_PEM,
              TlsCertificates.pem(der.get()).getBytes(StandardCharsets.US_ASCII));
        }
      } catch (IOException | StoreException e) {
        System.err.println("cannot place server.pem for " + session.getUsername() + ": " + e);
      }
    }
  }
}
