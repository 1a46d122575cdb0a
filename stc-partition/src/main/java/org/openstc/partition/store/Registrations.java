package org.openstc.partition.store;

import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.openstc.store.Tx;
import org.openstc.command.ClientBodies;
import org.openstc.command.CkResult;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.PartitionInfo;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;
import org.openstc.stc.PeerRegistry.RegisteredPeer;

/**
 * Client registrations of each partition: {@code clients} maps serial||label to the identity record;
 * {@code clients_by_fingerprint} maps serial||SHA-256 fingerprint to the label, so the handshake's
 * lookup is one B-tree search whatever the number of registrations. Each registration costs
 * {@link PartitionInfo#REGISTRATION_BYTES} of the partition's size.
 */
public final class Registrations {
  private final Lmdb db;
  private final Partitions partitions;
  private final Listeners listeners;

  Registrations(Lmdb db, Partitions partitions, Listeners listeners) {
    this.db = db;
    this.partitions = partitions;
    this.listeners = listeners;
  }

  /**
   * Registers {@code identity} as {@code label}; refuses a key type other than the partition's, a
   * used label, a known key or a full partition.
   */
  public ClientBodies.Entry register(long serial, String label, PeerIdentity identity) throws StoreException {
    Partitions.checkName("client label", label);
    long now = System.currentTimeMillis();
    return db.write(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      checkFree(txn, p, label, identity);
      db.clients.put(txn, Bytes.key(serial, Bytes.utf8(label)), encode(identity, now));
      db.clientsByFingerprint.put(txn, fingerprintKey(serial, identity), Bytes.utf8(label));
      partitions.put(txn, p.withClients(p.clientCount() + 1));
      return new ClientBodies.Entry(label, identity.keyType(), identity.fingerprint(), now);
    });
  }

  private void checkFree(Tx txn, PartitionRecord p, String label, PeerIdentity identity)
      throws StoreException {
    if (identity.keyType() != p.keyType()) {
      throw new StoreException(CkResult.CKR_KEY_TYPE_INCONSISTENT, "the client identity is "
          + identity.keyType().label() + " but partition " + p.name() + " has an "
          + p.keyType().label() + " identity: a client can only connect with the partition's key"
          + " type; nothing registered");
    }
    if (db.clients.get(txn, Bytes.key(p.serial(), Bytes.utf8(label))) != null) {
      throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID,
          "a client labelled " + label + " is already registered on partition " + p.name());
    }
    byte[] existing = db.clientsByFingerprint.get(txn, fingerprintKey(p.serial(), identity));
    if (existing != null) {
      throw new StoreException(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, "this identity ("
          + identity.fingerprint() + ") is already registered as " + Bytes.utf8(existing));
    }
    if (p.freeBytes() < PartitionInfo.REGISTRATION_BYTES) {
      throw new StoreException(CkResult.CKR_DEVICE_MEMORY, "partition " + p.name()
          + " is full: a client registration needs " + PartitionInfo.REGISTRATION_BYTES
          + " bytes, " + p.freeBytes() + " bytes are free");
    }
  }

  /** Removes a registration and tells the listeners, so that the client's channels close. */
  public RegisteredPeer deregister(long serial, String label) throws StoreException {
    RegisteredPeer removed = db.write(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      byte[] key = Bytes.key(serial, Bytes.utf8(label));
      byte[] v = db.clients.get(txn, key);
      if (v == null) {
        throw StoreException.notFound("no client labelled " + label + " is registered on partition " + p.name());
      }
      RegisteredPeer peer = new RegisteredPeer(label, decode(v).identity());
      db.clients.delete(txn, key);
      db.clientsByFingerprint.delete(txn, fingerprintKey(serial, peer.identity()));
      partitions.put(txn, p.withClients(p.clientCount() - 1));
      return peer;
    });
    listeners.fire(l -> l.clientDeregistered(serial, removed));
    return removed;
  }

  public List<ClientBodies.Entry> list(long serial) throws StoreException {
    return db.read(txn -> {
      partitions.require(txn, serial);
      List<ClientBodies.Entry> out = new ArrayList<>();
      for (byte[][] kv : db.clients.scan(txn, Bytes.prefix(serial))) {
        Stored s = decode(kv[1]);
        out.add(new ClientBodies.Entry(Bytes.utf8(Bytes.suffix(kv[0])), s.identity().keyType(),
            s.identity().fingerprint(), s.registeredMillis()));
      }
      return out;
    });
  }

  /** The handshake's lookup: one index search, then the record (the key must match exactly). */
  public Optional<RegisteredPeer> find(long serial, PeerIdentity identity) throws StoreException {
    return db.read(txn -> {
      byte[] label = db.clientsByFingerprint.get(txn, fingerprintKey(serial, identity));
      if (label == null) {
        return Optional.empty();
      }
      byte[] v = db.clients.get(txn, Bytes.key(serial, label));
      if (v == null || !holds(v, identity)) {
        return Optional.empty();
      }
      return Optional.of(new RegisteredPeer(Bytes.utf8(label), identity));
    });
  }

  private static byte[] fingerprintKey(long serial, PeerIdentity identity) {
    return Bytes.key(serial, HexFormat.of().parseHex(identity.fingerprint()));
  }

  private record Stored(PeerIdentity identity, long registeredMillis) {}

  private static byte[] encode(PeerIdentity identity, long registeredMillis) {
    return new WireWriter().u8(identity.keyType().code()).bytes(identity.publicKey())
        .u64(registeredMillis).toByteArray();
  }

  /**
   * Whether the record stores exactly {@code identity}'s key, compared byte for byte without
   * building a second {@link PeerIdentity}: the key was validated when it was registered and the
   * handshake validated the one it received, so checking the point again and hashing it again
   * (twice per handshake, at OPEN and at ACTIVATE) would only cost time.
   */
  private static boolean holds(byte[] value, PeerIdentity identity) throws StoreException {
    try {
      WireReader in = new WireReader(value);
      boolean same = in.u8() == identity.keyType().code()
          && Arrays.equals(in.bytes(1024), identity.publicKey());
      in.u64();
      in.end();
      return same;
    } catch (MalformedCommandException e) {
      throw StoreException.corrupt("client registration", e);
    }
  }

  private static Stored decode(byte[] value) throws StoreException {
    try {
      WireReader in = new WireReader(value);
      Stored s = new Stored(PeerIdentity.of(KeyType.fromCode(in.u8()), in.bytes(1024)), in.u64());
      in.end();
      return s;
    } catch (MalformedCommandException | InvalidKeyException | IllegalArgumentException e) {
      throw StoreException.corrupt("client registration", e);
    }
  }
}
