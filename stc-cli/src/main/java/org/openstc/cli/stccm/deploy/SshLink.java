package org.openstc.cli.stccm.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.scp.client.ScpClient;
import org.apache.sshd.scp.client.ScpClientCreator;
import org.openstc.cli.common.ExitCode;

/**
 * One SSH connection to a partition host's admin service (Apache MINA SSHD client): the host key
 * is checked against {@link KnownHosts} before any password is sent, then a password login, then
 * one-command exec with its exit status and scp of small files to and from the account's file
 * area.
 */
final class SshLink implements HostLink {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  /** Asked whether to trust a host key seen for the first time. */
  interface FirstUse {
    boolean trust(String fingerprint) throws Exception;
  }

  private final SshClient client;
  private final ClientSession session;

  private SshLink(SshClient client, ClientSession session) {
    this.client = client;
    this.session = session;
  }

  /** Connects, checks the host key (refused if changed), and logs in as {@code user}. */
  static SshLink open(String host, int port, String user, char[] password, KnownHosts known,
      FirstUse firstUse) throws Exception {
    String[] seen = new String[1];
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier((ClientSession s, SocketAddress a, PublicKey key) -> {
      seen[0] = KeyUtils.getFingerPrint(key);
      return known.fingerprint(host, port).map(seen[0]::equals).orElse(true);
    });
    client.start();
    ClientSession session = null;
    try {
      try {
        session = client.connect(user, host, port).verify(TIMEOUT).getSession();
      } catch (IOException e) {
        throw new DeployException("connect", ExitCode.SERVER_DOWN, "no SSH service answers at "
            + host + ":" + port + " (" + rootCause(e) + ")");
      }
      session.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), TIMEOUT);
      var knownKey = known.fingerprint(host, port);
      if (seen[0] == null) {
        throw new DeployException("connect", ExitCode.SERVER_DOWN, "the host " + host + ":" + port
            + " ended the SSH connection before showing its host key");
      }
      if (knownKey.isPresent() && !knownKey.get().equals(seen[0])) {
        throw new DeployException("host key", ExitCode.HASH_MISMATCH, "the SSH host key of " + host + ":" + port
            + " CHANGED: known " + knownKey.get() + ", offered " + seen[0] + ". Nothing was "
            + "sent. If the host was re-initialised, check its key (stcsh sysconf fingerprint "
            + "ssh) and remove its line from " + known.file());
      }
      if (knownKey.isEmpty()) {
        if (!firstUse.trust(seen[0])) {
          throw new DeployException("host key", ExitCode.CANCELLED, "the host key " + seen[0] + " of " + host
              + " was not accepted; nothing was sent");
        }
        known.remember(host, port, seen[0]);
      }
      session.addPasswordIdentity(new String(password));
      boolean in;
      try {
        in = session.auth().verify(TIMEOUT).isSuccess();
      } catch (IOException e) {
        in = false;
      }
      if (!in) {
        throw new DeployException("login", ExitCode.BAD_PASSWORD, "the host refused the login of "
            + user + " (wrong password, or no such account)");
      }
      return new SshLink(client, session);
    } catch (Exception e) {
      if (session != null) {
        session.close(true);
      }
      client.stop();
      throw e;
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }

  @Override
  public Result exec(String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ChannelExec channel = session.createExecChannel(String.join(" ", args))) {
      channel.setOut(out);
      channel.setErr(err);
      channel.open().verify(TIMEOUT);
      channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
      Integer status = channel.getExitStatus();
      if (status == null) { // the connection went away (or the host hung) before the command ended
        throw new IOException(session.isOpen() ? "no exit status within " + TIMEOUT.toSeconds()
            + " s" : "the SSH connection was closed before the command ended");
      }
      return new Result(status, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void upload(byte[] data, String name) throws IOException {
    scp().upload(data, name, OWNER_ONLY, null);
  }

  @Override
  public byte[] download(String name) throws IOException {
    return scp().downloadBytes(name);
  }

  private ScpClient scp() {
    return ScpClientCreator.instance().createScpClient(session);
  }

  @Override
  public boolean isOpen() {
    return session.isOpen();
  }

  @Override
  public void close() throws IOException {
    try {
      session.close(false).await(TIMEOUT);
    } finally {
      client.stop();
    }
  }
}
