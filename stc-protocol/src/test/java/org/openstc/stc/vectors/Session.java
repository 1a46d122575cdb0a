package org.openstc.stc.vectors;

import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openstc.crypto.CryptoProvider;
import org.openstc.stc.ClientHandshake;
import org.openstc.stc.InMemoryPeerRegistry;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.InboundRecord;
import org.openstc.stc.KeyType;
import org.openstc.stc.PartitionEndpoint;
import org.openstc.stc.PartitionHandshake;
import org.openstc.stc.StcChannel;
import org.openstc.stc.StcException;
import org.openstc.stc.vectors.FixedKeys.Role;
import org.openstc.stc.wire.Frame;
import org.openstc.testing.FixedEphemeralProvider;

/**
 * A client and a partition with the fixed keys of {@link FixedKeys}, driven frame by frame: what
 * one side produces is queued until the test delivers (or withholds, or tampers with) it. With the
 * same {@link Setup} every provider produces the same bytes.
 */
public final class Session {

  /** Which way a frame travels. */
  public enum Dir {
    C2P("c2p"), P2C("p2c");

    public final String json;

    Dir(String json) {
      this.json = json;
    }

    public static Dir of(String json) {
      return json.equals("c2p") ? C2P : P2C;
    }
  }

  private final ClientHandshake client;
  private final PartitionHandshake partition;
  private final Deque<byte[]> fromClient = new ArrayDeque<>();
  private final Deque<byte[]> fromPartition = new ArrayDeque<>();

  private Session(ClientHandshake client, PartitionHandshake partition) {
    this.client = client;
    this.partition = partition;
  }

  /**
   * The fixed keys of one key type for one provider, built once (building P-521 keys is slow); each
   * side's ephemeral is fixed by the provider that side's handshake runs on.
   */
  private record Keys(InMemoryStaticKey client, InMemoryStaticKey partition,
      InMemoryStaticKey impostor, CryptoProvider clientSide, CryptoProvider partitionSide) {}

  private static final Map<String, Keys> KEYS = new ConcurrentHashMap<>();

  private static Keys keys(KeyType type, CryptoProvider provider)
      throws GeneralSecurityException {
    String id = provider.name() + "/" + type;
    Keys k = KEYS.get(id);
    if (k == null) {
      k = new Keys(key(type, Role.CLIENT_STATIC, provider),
          key(type, Role.PARTITION_STATIC, provider), key(type, Role.IMPOSTOR_STATIC, provider),
          ephemeral(type, Role.CLIENT_EPHEMERAL, provider),
          ephemeral(type, Role.PARTITION_EPHEMERAL, provider));
      KEYS.put(id, k);
    }
    return k;
  }

  /** Builds both sides; the client's OPEN is queued. */
  public static Session start(Setup setup, CryptoProvider provider)
      throws GeneralSecurityException, StcException {
    Keys k = keys(setup.keyType(), provider);
    InMemoryStaticKey believed = setup.clientKnowsRightPartitionKey() ? k.partition()
        : k.impostor();
    InMemoryPeerRegistry registry = new InMemoryPeerRegistry();
    if (setup.clientRegistered()) {
      registry.register("client1", k.client().identity());
    }
    PartitionEndpoint endpoint =
        new PartitionEndpoint(setup.serial(), k.partition(), registry, setup.policy());
    ClientHandshake c = new ClientHandshake(k.clientSide(), k.client(), setup.serial(),
        believed.identity(), setup.offer());
    PartitionHandshake p = new PartitionHandshake(k.partitionSide(),
        serial -> serial == setup.serial() ? Optional.of(endpoint) : Optional.empty(),
        System.nanoTime(), 60);
    Session s = new Session(c, p);
    s.fromClient.add(c.start());
    return s;
  }

  private static CryptoProvider ephemeral(KeyType type, Role role, CryptoProvider provider)
      throws GeneralSecurityException {
    return FixedEphemeralProvider.of(provider, type.noiseDh(), FixedKeys.privateKey(type, role));
  }

  private static InMemoryStaticKey key(KeyType type, Role role, CryptoProvider provider)
      throws GeneralSecurityException {
    return FixedKeys.staticKey(type, FixedKeys.privateKey(type, role), provider);
  }

  /** The next handshake frame the sender of {@code dir} has produced. */
  public byte[] nextHandshakeFrame(Dir dir) {
    byte[] f = (dir == Dir.C2P ? fromClient : fromPartition).poll();
    if (f == null) {
      throw new IllegalStateException("the " + side(dir) + " has no handshake frame to send");
    }
    return f;
  }

  /** Seals a DATA record on the sending side of {@code dir}. */
  public byte[] seal(Dir dir, byte[] payload) throws StcException {
    return sender(dir).seal(payload);
  }

  public byte[] close(Dir dir) throws StcException {
    return sender(dir).close();
  }

  /** Forces a key update on {@code side}'s sending key (it asks the peer to follow). */
  public void rekeyNow(Dir side) {
    sender(side).rekeyNow();
  }

  /**
   * Delivers a frame travelling in {@code dir} to its receiver. Returns the record it opened, or
   * empty for a handshake frame (whose reply, if any, is queued).
   */
  public Optional<InboundRecord> deliver(Dir dir, byte[] frame) throws StcException {
    Frame f = Frame.decode(frame);
    if (dir == Dir.C2P) {
      if (!partition.isActive()) {
        queue(fromPartition, partition.onFrame(f));
        return Optional.empty();
      }
      return Optional.of(partition.channel().open(f));
    }
    if (!client.isActive()) {
      queue(fromClient, client.onFrame(f));
      return Optional.empty();
    }
    return Optional.of(client.channel().open(f));
  }

  private static void queue(Deque<byte[]> q, byte[] frame) {
    if (frame != null) {
      q.add(frame);
    }
  }

  public boolean isActive() {
    return client.isActive() && partition.isActive();
  }

  /** Runs the handshake to completion (both sides active). */
  public Session activate() throws StcException {
    while (!isActive()) {
      boolean moved = false;
      if (!fromClient.isEmpty()) {
        deliver(Dir.C2P, fromClient.poll());
        moved = true;
      }
      if (!fromPartition.isEmpty()) {
        deliver(Dir.P2C, fromPartition.poll());
        moved = true;
      }
      if (!moved) {
        throw new IllegalStateException("handshake stalled");
      }
    }
    return this;
  }

  public ClientHandshake client() {
    return client;
  }

  public PartitionHandshake partition() {
    return partition;
  }

  /** The channel that sends in {@code dir}. */
  public StcChannel sender(Dir dir) {
    return dir == Dir.C2P ? client.channel() : partition.channel();
  }

  /** The channel that receives in {@code dir}. */
  public StcChannel receiver(Dir dir) {
    return dir == Dir.C2P ? partition.channel() : client.channel();
  }

  private static String side(Dir dir) {
    return dir == Dir.C2P ? "client" : "partition";
  }
}
