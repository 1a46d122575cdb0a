package org.openstc.client;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstc.crypto.CryptoProvider;
import org.openstc.crypto.CryptoProviders;
import org.openstc.stc.StaticKeyAgreement;
import org.openstc.token.RegisteredPartition;
import org.openstc.token.Token;
import org.openstc.token.TokenException;

/**
 * The client side of openstc as a library: the token in {@code STC_HOME}, its server list and
 * slots, and a channel per slot.
 *
 * <pre>{@code
 * try (StcClient client = StcClient.open(StcClient.defaultHome(), null);
 *      Slot slot = client.openSlot(0)) {
 *   slot.login(Role.CO, pin);
 *   long key = slot.findObject("shared-key").orElseThrow().handle();
 *   byte[] sealed = slot.encrypt(key, message, new byte[0]);
 * }
 * }</pre>
 */
public final class StcClient implements AutoCloseable {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Path home;
  private final Token token;
  private final StaticKeyAgreement identity;
  private final CryptoProvider provider;
  private Duration timeout = DEFAULT_TIMEOUT;

  private StcClient(Path home, Token token, StaticKeyAgreement identity, CryptoProvider provider) {
    this.home = home;
    this.token = token;
    this.identity = identity;
    this.provider = provider;
  }

  /** {@code STC_HOME}, or {@code ~/.stc}. */
  public static Path defaultHome() {
    String env = System.getenv("STC_HOME");
    return env != null && !env.isBlank() ? Paths.get(env)
        : Paths.get(System.getProperty("user.home"), ".stc");
  }

  /**
   * Opens the token in {@code home} and unlocks its client identity; {@code passphrase} is null for
   * a token initialized without one. The caller wipes the passphrase afterwards.
   */
  public static StcClient open(Path home, char[] passphrase) throws StcClientException {
    Token token = null;
    try {
      token = Token.open(home);
      StaticKeyAgreement id = token.identity(passphrase);
      return new StcClient(home, token, id, CryptoProviders.tuned());
    } catch (TokenException e) {
      if (token != null) {
        token.close();
      }
      if ((e.reason() == TokenException.Reason.NOT_INITIALIZED
          || e.reason() == TokenException.Reason.NO_IDENTITY)
          && !NtlsConfig.load(home).servers().isEmpty()) {
        return new StcClient(home, null, null, CryptoProviders.tuned()); // NTLS links only
      }
      throw new StcClientException(StcClientException.Kind.TOKEN, e.getMessage(),
          "see stc tokenlist and stc identityshow", e);
    }
  }

  public Path home() {
    return home;
  }

  /** How long to wait for a connection or a reply. */
  public StcClient timeout(Duration value) {
    this.timeout = value;
    return this;
  }

  public Token token() {
    return token;
  }

  public ClientConfig config() throws StcClientException {
    return ClientConfig.load(home);
  }

  /**
   * Opens a channel to the partition in {@code slot}, or an HA group's virtual slot
   * ({@link HaSlot}: no role logged in yet; {@link Slot#login} logs in on every member).
   */
  public Slot openSlot(int slot) throws StcClientException {
    ClientConfig config = config();
    if (config.slot(slot).isEmpty() && slot >= SlotNumbers.firstNtls(config)) {
      Optional<HaConfig.Group> ha = SlotNumbers.haGroup(home, slot, timeout);
      if (ha.isPresent()) {
        return openHa(slot, ha.get());
      }
      Optional<Slot> ntls = NtlsSlots.open(home, slot, timeout);
      if (ntls.isPresent()) {
        return ntls.get();
      }
    }
    SlotEntry entry = config.slot(slot).orElseThrow(() -> new StcClientException(
        StcClientException.Kind.CONFIG, "no slot " + slot,
        "see slot list; run stc enable -id <server> after registering partitions"));
    ServerEntry server = config.requireServer(entry.serverId());
    return new Slot(entry, connect(server, partition(entry.serial()), timeout));
  }

  private Slot openHa(int slot, HaConfig.Group g) throws StcClientException {
    HaConfig config = HaConfig.load(home);
    HaGroup group = HaGroups.unauthenticated(this, g, config);
    group.autoRecovery(config.retry(), Duration.ofSeconds(config.intervalSeconds()));
    List<Long> all = new ArrayList<>(g.members());
    all.addAll(g.standby());
    return new HaSlot(new SlotEntry(slot, Long.parseLong(g.number()), -1, g.label()), group, this, all);
  }

  /** Opens a channel to the partition with {@code serial} on its server. */
  public Slot openPartition(long serial) throws StcClientException {
    return openPartition(serial, timeout);
  }

  /** As {@link #openPartition(long)}, waiting {@code replyTimeout} for each reply (an HA member). */
  Slot openPartition(long serial, Duration replyTimeout) throws StcClientException {
    ClientConfig config = config();
    SlotEntry entry = config.slotForSerial(serial).orElseThrow(() -> new StcClientException(
        StcClientException.Kind.CONFIG, "partition " + serial + " has no slot",
        "run stc enable -id <server> for the server that hosts it"));
    return new Slot(entry, connect(config.requireServer(entry.serverId()), partition(serial), replyTimeout));
  }

  /**
   * {@code stc enable}: marks the server STC-enabled and finds which registered partitions live on
   * it (a handshake to each); those get slots. Returns each partition's outcome.
   */
  public Map<Long, String> enableServer(int serverId) throws StcClientException {
    ClientConfig config = config();
    ServerEntry candidate = config.requireServer(serverId);
    if (NtlsConfig.load(home).server(candidate.host()).isPresent()) {
      throw new StcClientException(StcClientException.Kind.CONFIG, "server " + candidate.host()
          + " is reached over NTLS (vtl listServers): all links from one client to one host are"
          + " NTLS or STC, never mixed", "run vtl deleteServer -n " + candidate.host()
          + " first, or keep NTLS");
    }
    ServerEntry server = config.setStcEnabled(serverId, true);
    Map<Long, String> outcome = new java.util.LinkedHashMap<>();
    for (RegisteredPartition p : partitions()) {
      outcome.put(p.serial(), probe(config, server, p));
    }
    return outcome;
  }

  private String probe(ClientConfig config, ServerEntry server, RegisteredPartition p)
      throws StcClientException {
    try (PartitionConnection c = connect(server, p, timeout)) {
      String label = reportedLabel(new Slot(new SlotEntry(-1, p.serial(), server.id()), c));
      return "slot " + config.assignSlot(p.serial(), server.id(), label).slot() + " (link up)";
    } catch (StcClientException e) {
      switch (e.kind()) {
        case PARTITION_UNKNOWN:
          return "not on this server";
        case SERVER_DOWN:
          throw e;
        default:
          return "slot " + config.assignSlot(p.serial(), server.id()).slot() + " (link down: "
              + e.getMessage() + ")";
      }
    }
  }

  /**
   * The label {@code slot}'s partition reports (PARTITION_INFO), or null if it cannot be read
   * (the link failed or the partition refused): the slot keeps the label it had.
   */
  public static String reportedLabel(Slot slot) {
    try {
      String label = slot.info().label();
      return label == null || label.isEmpty() ? null : label;
    } catch (StcClientException e) {
      return null;
    }
  }

  /**
   * {@code stc identitydelete}, first step: removes this client's registration from every
   * partition registered in the token that can be reached, and says for each what happened. The
   * token is not changed.
   */
  public List<Deregistration> deregisterEverywhere() throws StcClientException {
    List<Deregistration> out = new ArrayList<>();
    for (RegisteredPartition p : partitions()) {
      try (Slot slot = openPartition(p.serial())) {
        slot.deregisterSelf();
        out.add(new Deregistration(p, Deregistration.Outcome.DEREGISTERED, null));
      } catch (StcClientException e) {
        out.add(e.kind() == StcClientException.Kind.NOT_REGISTERED
            ? new Deregistration(p, Deregistration.Outcome.WAS_NOT_REGISTERED, null)
            : new Deregistration(p, Deregistration.Outcome.UNREACHABLE, e));
      }
    }
    return out;
  }

  /** {@code stc disable}: the server's partitions are no longer reached over STC. */
  public void disableServer(int serverId) throws StcClientException {
    config().setStcEnabled(serverId, false);
  }

  /** The token's registered partitions. */
  public List<RegisteredPartition> partitions() throws StcClientException {
    requireToken();
    try {
      return new ArrayList<>(token.partitions());
    } catch (TokenException e) {
      throw new StcClientException(StcClientException.Kind.TOKEN, e.getMessage(), null, e);
    }
  }

  private void requireToken() throws StcClientException {
    if (token == null) {
      throw new StcClientException(StcClientException.Kind.TOKEN, "this client has no token: it "
          + "uses NTLS links only", "create a token (token init) to use STC");
    }
  }

  private RegisteredPartition partition(long serial) throws StcClientException {
    requireToken();
    Optional<RegisteredPartition> p;
    try {
      p = token.partition(serial);
    } catch (TokenException e) {
      throw new StcClientException(StcClientException.Kind.TOKEN, e.getMessage(), null, e);
    }
    return p.orElseThrow(() -> new StcClientException(StcClientException.Kind.CONFIG,
        "partition " + serial + " is not registered in the token",
        "register its .pid with stc partitionregister"));
  }

  private PartitionConnection connect(ServerEntry server, RegisteredPartition p, Duration timeout)
      throws StcClientException {
    if (!server.stcEnabled()) {
      throw new StcClientException(StcClientException.Kind.CONFIG, "STC is not enabled for server "
          + server.id() + " (" + server.address() + ")", "run stc enable -id " + server.id());
    }
    PartitionConnection c = PartitionConnection.open(provider,
        new InetSocketAddress(server.host(), server.port()),
        StcTls.load(home, server.host()).orElse(null), identity, p.serial(), p.identity(), timeout);
    try {
      StcHtl.prove(home, identity, p, c);
      return c;
    } catch (StcClientException e) {
      c.close();
      throw e;
    }
  }

  /** Closes the token (which destroys the unlocked identity key). */
  @Override
  public void close() {
    if (token != null) {
      token.close();
    }
  }
}
