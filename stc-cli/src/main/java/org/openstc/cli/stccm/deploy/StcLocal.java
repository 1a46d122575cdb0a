package org.openstc.cli.stccm.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.ExitCodes;
import org.openstc.cli.common.Passwords;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.cli.stccm.link.ChannelStatus;
import org.openstc.client.ClientConfig;
import org.openstc.client.NtlsConfig;
import org.openstc.client.ServerEntry;
import org.openstc.client.Slot;
import org.openstc.client.SlotEntry;
import org.openstc.client.StcClient;
import org.openstc.client.StcClientException;
import org.openstc.stc.KeyType;
import org.openstc.token.ClientIdentity;
import org.openstc.token.RegisteredPartition;
import org.openstc.token.Token;
import org.openstc.token.TokenException;
import org.openstc.token.TokenHome;
import org.openstc.token.TokenInfo;

/**
 * The client home's side of an STC deploy: the token and its identity (made as {@code stc
 * tokeninit} and {@code stc identitycreate} do when missing), the partition identities registered
 * in it, the server entry, and the check that each link works. Remembers what it added so that
 * {@link #undo} takes it back; a token or identity it made is kept (the next run reuses it).
 */
final class StcLocal implements AutoCloseable {
  private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(30);
  private final Path home;
  private final Path passphraseFile;
  private final CliContext ctx;
  private final PrintWriter out;
  private final Deque<Long> registered = new ArrayDeque<>();
  private Integer addedServer;
  private Integer enabledServer;
  private char[] passphrase;

  StcLocal(Path home, Path passphraseFile, CliContext ctx) {
    this.home = home;
    this.passphraseFile = passphraseFile;
    this.ctx = ctx;
    this.out = ctx.out();
  }

  /** All links from one client to one host are NTLS or STC: refuses a host reached over NTLS. */
  void checkNotNtls(String server) throws Exception {
    if (NtlsConfig.load(home).server(server).isPresent()) {
      throw new DeployException("server", ExitCode.CLIENT_CONFIG, "this client reaches " + server
          + " over NTLS (vtl listServers); one client reaches one host over NTLS or STC, never "
          + "both: vtl deleteServer -n " + server + " first, or deploy -link ntls");
    }
  }

  /** The token's identity, made (with the token) when missing or with {@code regen}. */
  ClientIdentity identity(String name, KeyType type, boolean regen) throws Exception {
    TokenHome files = TokenHome.of(home);
    try {
      if (!files.exists()) {
        Path source = TokenPassphrase.source(ctx, passphraseFile);
        passphrase = source == null ? null : TokenPassphrase.read(ctx, source);
        TokenInfo info = files.init(name, passphrase);
        out.printf("Created the client token %s (serial %s) in %s%s.%n", info.label(),
            info.serial(), files.tokenDir(), info.passphraseProtected() ? ", protected by the "
                + "token password" : "; no token password: only the file permissions of "
                + files.tokenDir().resolve("kek") + " protect the identity key (-passphrase-file "
                + "sets one)");
      }
      try (Token token = files.open()) {
        Optional<ClientIdentity> have = token.clientIdentity();
        if (have.isPresent() && !regen) {
          if (have.get().keyType() != type) {
            throw new DeployException("identity", ExitCode.KEY_TYPE_MISMATCH, "this client's "
                + "identity " + have.get().label() + " is " + have.get().keyType().label()
                + " but the partitions have " + type.label() + " identities: -regen makes a new "
                + "identity (which ends its other registrations)");
          }
          out.printf("Using the client identity %s (%s, %s).%n", have.get().label(),
              type.label(), have.get().fingerprint());
          return have.get();
        }
        char[] pw = passphrase(token);
        if (have.isPresent()) {
          List<RegisteredPartition> dropped = token.deleteIdentity();
          out.printf("Deleted the client identity %s and its %d partition registration(s) in "
              + "the token (-regen).%n", have.get().label(), dropped.size());
        }
        ClientIdentity id = token.createIdentity(name, type, pw);
        out.printf("Created the client identity %s (%s, %s).%n", id.label(), type.label(),
            id.fingerprint());
        return id;
      }
    } catch (TokenException e) {
      throw new DeployException("identity", ExitCodes.of(e), e.getMessage());
    }
  }

  /** Registers a fetched partition identity in the token, checked against the host's hash. */
  void registerPartition(StcDeploy.Fetched p, boolean force) throws Exception {
    long serial = p.pid().serial();
    try (Token token = TokenHome.of(home).open()) {
      Optional<RegisteredPartition> old = token.partition(serial);
      if (old.isPresent() && old.get().identity().equals(p.pid().identity())) {
        out.printf("Partition %d is registered in the token already.%n", serial);
        return;
      }
      if (old.isPresent() && !force) {
        throw new DeployException("partition register", ExitCode.CONFLICT, "the token has "
            + "partition " + serial + " with another key (" + old.get().fingerprint()
            + "): give -force to replace it");
      }
      if (old.isPresent()) {
        token.deregisterPartition(serial);
      }
      token.registerPartition(p.pid(), null, p.hostHash());
      registered.push(serial);
      out.printf("Registered partition %s (serial %d) in the token; its hash is the host's "
          + "(%s).%n", p.name(), serial, p.hostHash());
    } catch (TokenException e) {
      throw new DeployException("partition register", ExitCodes.of(e), e.getMessage());
    }
  }

  /** The server entry for {@code host:port}, added when missing; its id. */
  int server(String host, int port) throws DeployException {
    try {
      ClientConfig config = ClientConfig.load(home);
      Optional<ServerEntry> known = config.servers().stream()
          .filter(s -> s.host().equalsIgnoreCase(host) && s.port() == port).findFirst();
      if (known.isPresent()) {
        out.printf("Server %s is server %d already.%n", known.get().address(), known.get().id());
        enabledServer = known.get().stcEnabled() ? null : known.get().id();
        return known.get().id();
      }
      ServerEntry added = config.addServer(host, port, null);
      addedServer = added.id();
      out.printf("Added server %s as server %d.%n", added.address(), added.id());
      return added.id();
    } catch (StcClientException e) {
      throw new DeployException("server", ExitCodes.of(e), e.getMessage());
    }
  }

  /** {@code stc enable} for the server, then {@code stc status} of each partition; the slots. */
  void verify(int serverId, List<StcDeploy.Fetched> partitions) throws Exception {
    try (StcClient client = StcClient.open(home, passphrase())) {
      client.timeout(VERIFY_TIMEOUT);
      Map<Long, String> outcome = client.enableServer(serverId);
      for (StcDeploy.Fetched p : partitions) {
        String o = outcome.getOrDefault(p.pid().serial(), "not tried");
        if (!o.endsWith("(link up)")) {
          throw new DeployException("verify", o.equals("not on this server")
              ? ExitCode.PARTITION_UNKNOWN : ExitCode.CHANNEL_ERROR, "the STC link to partition "
              + p.name() + " (serial " + p.pid().serial() + ") is not up: " + o);
        }
        try (Slot slot = client.openPartition(p.pid().serial())) {
          Map<String, Object> v = ChannelStatus.of(slot);
          out.printf("STC link status of partition %s (slot %d):%n", p.name(), slot.number());
          for (Map.Entry<String, String> e : ChannelStatus.LABELS.entrySet()) {
            out.printf("  %-36s %s%n", e.getValue() + " :", ChannelStatus.display(v, e.getKey()));
          }
        }
      }
      out.println("The STC links work; the slots of " + client.config().requireServer(serverId)
          .address() + ":");
      out.println("Slot    Serial #                Label");
      out.println("====    ================        =====");
      for (SlotEntry s : client.config().slots()) {
        if (s.serverId() == serverId) {
          out.printf("%4d    %16d        %s%n", s.slot(), s.serial(),
              s.label() == null ? "" : s.label());
        }
      }
    } catch (StcClientException e) {
      throw new DeployException("verify", ExitCodes.of(e), e.getMessage());
    }
  }

  /** The token password when the token has one (asked once), else null. */
  private char[] passphrase() throws Exception {
    try (Token token = TokenHome.of(home).open()) {
      return passphrase(token);
    }
  }

  private char[] passphrase(Token token) throws TokenException, CliException {
    if (passphrase == null && token.passphraseProtected()) {
      passphrase = TokenPassphrase.get(ctx, null, passphraseFile, "Enter the token password: ");
    }
    return token.passphraseProtected() ? passphrase : null;
  }

  /** Takes back the registrations and the server entry this run added, one line each. */
  void undo() {
    try {
      while (!registered.isEmpty()) {
        long serial = registered.pop();
        try (Token token = TokenHome.of(home).open()) {
          token.deregisterPartition(serial);
        }
        out.printf("Undone here: partition %d removed from the token.%n", serial);
      }
      if (addedServer != null) {
        ClientConfig.load(home).deleteServer(addedServer);
        out.printf("Undone here: server %d removed from the server list.%n", addedServer);
      } else if (enabledServer != null) {
        ClientConfig.load(home).setStcEnabled(enabledServer, false);
        out.printf("Undone here: STC disabled again for server %d.%n", enabledServer);
      }
    } catch (Exception e) {
      out.println("Could not undo everything in this client home: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    Passwords.wipe(passphrase);
  }
}
