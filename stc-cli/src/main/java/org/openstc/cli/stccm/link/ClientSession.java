package org.openstc.cli.stccm.link;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.Passwords;
import org.openstc.cli.common.Progress;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.client.ClientConfig;
import org.openstc.client.Slot;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import org.openstc.command.Role;
import org.openstc.token.TokenException;

/**
 * What one stccm run keeps between commands: the unlocked client token and the open channel of
 * each slot. In the {@code stccm:>} shell ({@code interactive}) channels stay open across commands
 * and a failed channel is re-established with backoff; in one-shot mode the run is one command and
 * everything is closed when it ends. Logins belong to a channel, so they are lost with it.
 */
public final class ClientSession implements AutoCloseable {
  private static final Map<CliContext, ClientSession> ATTACHED = new ConcurrentHashMap<>();

  private final CliContext ctx;
  private final boolean interactive;
  private final Reconnect reconnect;
  private final Map<Integer, Slot> channels = new TreeMap<>();
  private final Map<Integer, Role> roles = new HashMap<>();
  /** Why the last attempt of this run to open a slot's channel failed (cleared when it opens). */
  private final Map<Integer, String> failures = new HashMap<>();
  private Path home;
  private StcClient client;
  private Path passphraseFile;

  private ClientSession(CliContext ctx, boolean interactive) {
    this.ctx = ctx;
    this.interactive = interactive;
    this.reconnect = new Reconnect(ctx);
  }

  /** Starts the session of a stccm run in {@code ctx}; closing it closes every channel. */
  public static ClientSession attach(CliContext ctx, boolean interactive) {
    ClientSession s = new ClientSession(ctx, interactive);
    ATTACHED.put(ctx, s);
    return s;
  }

  /** The session of the run in {@code ctx} (a one-shot session if none was attached). */
  static ClientSession of(CliContext ctx) {
    return ATTACHED.computeIfAbsent(ctx, c -> new ClientSession(c, false));
  }

  /** True in the {@code stccm:>} shell, where channels and logins last across commands. */
  public boolean interactive() {
    return interactive;
  }

  /**
   * The client (token unlocked) for {@code home}; a token password comes from the command's
   * {@code -passphrase-file}, {@code $STC_TOKEN_PASSPHRASE_FILE} or the terminal.
   */
  StcClient client(Path home) throws StcClientException, CliException {
    if (client != null && home.equals(this.home)) {
      return client;
    }
    closeAll();
    try {
      client = StcClient.open(home, null);
    } catch (StcClientException e) {
      if (!(e.getCause() instanceof TokenException t)
          || t.reason() != TokenException.Reason.PASSPHRASE_REQUIRED) {
        throw e;
      }
      char[] pass = TokenPassphrase.get(ctx, null, passphraseFile, "Enter the token password: ");
      try (Progress p = Progress.of(ctx, Progress.KEY_DERIVATION).ticking()) {
        client = StcClient.open(home, pass);
      } finally {
        Passwords.wipe(pass);
      }
    }
    this.home = home;
    return client;
  }

  /** The {@code -passphrase-file} of the command being run (null: none given). */
  void passphraseFile(Path file) {
    this.passphraseFile = file;
  }

  /** The server list and slots of {@code home} (no token needed). */
  static ClientConfig config(Path home) throws StcClientException {
    return ClientConfig.load(home);
  }

  /**
   * The open channel of slot {@code n}: the existing one if it is up, else a new one. A channel
   * that failed since the last command is re-established with backoff, and the user is told which
   * login was lost with it.
   */
  Slot slot(Path home, int n) throws StcClientException, CliException {
    StcClient c = client(home);
    Slot s = channels.get(n);
    if (s != null && s.isOpen()) {
      return s;
    }
    try {
      if (s == null) {
        s = c.openSlot(n);
      } else {
        StcClientException lost = s.failure();
        s.close();
        channels.remove(n);
        s = reconnect.reopen(c, n, lost, roles.remove(n));
      }
    } catch (StcClientException e) {
      failures.put(n, e.getMessage());
      throw e;
    }
    failures.remove(n);
    channels.put(n, s);
    c.config().labelSlot(s.serial(), StcClient.reportedLabel(s));
    return s;
  }

  /**
   * Slot {@code n}'s link as every command shows it: {@code up} while this run holds an open
   * channel, {@code down: reason} when this run's last attempt failed, else {@code not connected}.
   */
  String linkState(int n) {
    Slot s = channels.get(n);
    if (s != null && s.isOpen()) {
      return "up";
    }
    String failure = failures.get(n);
    return failure != null ? "down: " + failure : "not connected";
  }

  /**
   * {@code stc partitionderegister} in the run of {@code ctx}: the partition's slot goes away at
   * once (its channel closed, its entry dropped, and it is no longer the current slot). Returns
   * the slot number removed, or null if the partition had no slot.
   */
  public static Integer partitionDeregistered(CliContext ctx, Path home, long serial)
      throws StcClientException {
    ClientConfig config = ClientConfig.load(home);
    var entry = config.slotForSerial(serial);
    if (entry.isEmpty()) {
      return null;
    }
    int n = entry.get().slot();
    of(ctx).drop(n);
    config.dropSlot(serial);
    CurrentSlot.forget(home, n);
    return n;
  }

  /** Records the role logged in on slot {@code n}'s channel (null after logout). */
  void loggedIn(int n, Role role) {
    if (role == null) {
      roles.remove(n);
    } else {
      roles.put(n, role);
    }
  }

  Role role(int n) {
    return roles.get(n);
  }

  /** Closes the channel of slot {@code n} if open (its slot was removed or its server disabled). */
  void drop(int n) {
    Slot s = channels.remove(n);
    roles.remove(n);
    failures.remove(n);
    if (s != null) {
      s.close();
    }
  }

  private void closeAll() {
    channels.values().forEach(Slot::close);
    channels.clear();
    roles.clear();
    failures.clear();
    if (client != null) {
      client.close();
      client = null;
    }
  }

  @Override
  public void close() {
    ATTACHED.remove(ctx, this);
    closeAll();
  }
}
