package org.openstc.conformance.partition;

import java.io.EOFException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstc.conformance.Outcome;
import org.openstc.conformance.Target;
import org.openstc.conformance.Unsupported;
import org.openstc.crypto.CryptoProvider;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.StcException;
import org.openstc.stc.StaticKeyAgreement;
import org.openstc.stc.Suite;
import org.openstc.stc.wire.Frame;

/**
 * A partition host under test: where it listens, the partitions the suite may open (one per key
 * type; the first is the main one), client keys registered on all of them, and optional profile
 * partitions whose settings some cases need (see {@link Profile}).
 */
public final class PartitionTarget implements Target {

  /** A partition the suite can open: its serial and its identity from the {@code .pid} file. */
  public record Partition(long serial, PeerIdentity identity) {
    public KeyType keyType() {
      return identity.keyType();
    }
  }

  /** Partitions configured for one purpose, named on the command line as {@code -<name>-pid}. */
  public enum Profile {
    /** Its policy disallows the client's first choice (AES-GCM), so OPEN gets a RETRY. */
    RETRY,
    /** Its rekey threshold is small (a few records), so traffic crosses key updates. */
    REKEY,
    /** Integrity-only mode ("cipher disabled"). */
    INTEGRITY,
    /** A small max-sessions setting, given with {@code -max-sessions}. */
    SESSIONS
  }

  private final PartitionTargetConfig config;
  private final CryptoProvider provider;
  private final Map<KeyType, InMemoryStaticKey> clients = new EnumMap<>(KeyType.class);

  public PartitionTarget(PartitionTargetConfig config, CryptoProvider provider)
      throws GeneralSecurityException, IOException {
    this.config = config;
    this.provider = provider;
    for (var key : config.clients()) {
      clients.putIfAbsent(key.type(), key.toStaticKey(provider));
    }
  }

  public PartitionTargetConfig config() {
    return config;
  }

  public CryptoProvider provider() {
    return provider;
  }

  public Partition main() {
    return config.partitions().get(0);
  }

  /** The partition of {@code type}, or {@link Unsupported}. */
  public Partition partition(KeyType type) throws Unsupported {
    for (Partition p : config.partitions()) {
      if (p.keyType() == type) {
        return p;
      }
    }
    throw new Unsupported("no " + type.label() + " partition given (-pid)");
  }

  /** The registered client key for partitions of {@code type}, or {@link Unsupported}. */
  public InMemoryStaticKey client(KeyType type) throws Unsupported {
    InMemoryStaticKey k = clients.get(type);
    if (k == null) {
      throw new Unsupported("no registered " + type.label() + " client key given (-client)");
    }
    return k;
  }

  /** What a case does with a profile partition. */
  @FunctionalInterface
  public interface ProfileBody {
    Outcome run(Partition p) throws Exception;
  }

  /**
   * Runs {@code body} with the profile's partition: the configured {@code -<profile>-pid}, or,
   * with a PO PIN, the main partition temporarily given the profile's settings. Otherwise
   * {@link Unsupported}.
   */
  public Outcome withProfile(Profile profile, ProfileBody body) throws Exception {
    Partition p = config.profiles().get(profile);
    if (p != null) {
      return body.run(p);
    }
    String name = profile.name().toLowerCase();
    if (config.poPin().isEmpty() || !PoSettings.canConfigure(profile)) {
      throw new Unsupported("no " + name + " partition configured (-" + name + "-pid"
          + (PoSettings.canConfigure(profile) ? " or -po-pin)" : ")"));
    }
    char[] pin = config.poPin().get();
    var restore = PoSettings.apply(this, main(), profile, pin);
    try {
      return body.run(main());
    } finally {
      PoSettings.restore(this, main(), restore, pin);
    }
  }

  public Optional<InMemoryStaticKey> deregisteredClient(KeyType type)
      throws GeneralSecurityException {
    return config.deregistered().isPresent() && config.deregistered().get().type() == type
        ? Optional.of(config.deregistered().get().toStaticKey(provider)) : Optional.empty();
  }

  public RawConnection connect() throws IOException {
    return RawConnection.open(config.host(), config.port(), config.readTimeoutMillis());
  }

  /** A client handshake toward {@code p} with the registered client key and {@code offer}. */
  public ClientHandshake handshake(Partition p, List<Suite> offer) throws Unsupported,
      StcException {
    return new ClientHandshake(provider, client(p.keyType()), p.serial(), p.identity(), offer);
  }

  public ClientHandshake handshake(Partition p) throws Unsupported, StcException {
    return handshake(p, Suite.defaultOffer(p.keyType()));
  }

  /** Runs a well-behaved handshake to the end; a REJECT is thrown as its StcException. */
  public ActiveChannel activate(ClientHandshake hs) throws IOException, StcException {
    RawConnection c = connect();
    try {
      c.send(hs.start());
      while (!hs.isActive()) {
        Frame f = c.read();
        if (f == null) {
          throw new EOFException("host closed the connection during the handshake");
        }
        byte[] reply = hs.onFrame(f);
        if (reply != null) {
          c.send(reply);
        }
      }
      return new ActiveChannel(c, hs.channel(), config.responder());
    } catch (IOException | StcException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public ActiveChannel activate(Partition p) throws IOException, StcException, Unsupported {
    return activate(handshake(p));
  }

  @Override
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (Partition p : config.partitions()) {
      parts.add(p.keyType().label() + " serial " + p.serial());
    }
    return "partition host " + config.host() + ":" + config.port() + " (" + String.join(", ", parts)
        + "; responder " + config.responder().name() + ")";
  }

  @Override
  public String sanityCheck() {
    try (ActiveChannel ch = activate(main())) {
      return ch.echoMany(3);
    } catch (Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
