package org.openstc.token;

import static org.openstc.token.Records.key;
import static org.openstc.token.TokenException.Reason.CORRUPT;
import static org.openstc.token.TokenException.Reason.INCOMPATIBLE_VERSION;
import static org.openstc.token.TokenException.Reason.NOT_INITIALIZED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openstc.store.Tx;

/**
 * The token's records in LMDB (schema version {@value #SCHEMA_VERSION}), read and written inside
 * the caller's transaction. Databases: {@code meta} (schema, label, serial, created, protection,
 * kdf, keyset, failures), {@code identity} ({@code client}, {@code client.private}) and
 * {@code partitions} (8-byte big-endian serial to identity record).
 */
final class TokenStore {
  static final int SCHEMA_VERSION = 1;
  static final String PASSPHRASE = "passphrase";
  static final String KEY_FILE = "file";

  /** The meta database's content. {@code kdf} is null for a file-protected token. */
  record Meta(String label, String serial, Instant created, String protection, KdfParams kdf,
      byte[] keyset, long failures) {}

  private final TokenDb db;

  TokenStore(TokenDb db) {
    this.db = db;
  }

  void writeMeta(Tx txn, Meta m) {
    put(db, txn, "schema", Records.u64(SCHEMA_VERSION));
    put(db, txn, "label", Records.utf8(m.label()));
    put(db, txn, "serial", Records.utf8(m.serial()));
    put(db, txn, "created", Records.u64(m.created().toEpochMilli()));
    put(db, txn, "protection", Records.utf8(m.protection()));
    if (m.kdf() != null) {
      put(db, txn, "kdf", m.kdf().encode());
    }
    put(db, txn, "keyset", m.keyset());
    put(db, txn, "failures", Records.u64(m.failures()));
  }

  /** Whether the schema record exists: it is written last-in-transaction by tokeninit. */
  boolean initialized(Tx txn) {
    return db.meta.get(txn, key("schema")) != null;
  }

  Meta meta(Tx txn) throws TokenException {
    byte[] schema = db.meta.get(txn, key("schema"));
    if (schema == null) {
      throw new TokenException(NOT_INITIALIZED, "the token is not initialized (run stc tokeninit)");
    }
    long version = Records.u64(schema);
    if (version != SCHEMA_VERSION) {
      throw new TokenException(version > SCHEMA_VERSION ? INCOMPATIBLE_VERSION : CORRUPT,
          "the token store has schema version " + version + "; this openstc reads version "
              + SCHEMA_VERSION);
    }
    String protection = Records.utf8(require(txn, "protection"));
    KdfParams kdf = PASSPHRASE.equals(protection) ? KdfParams.decode(require(txn, "kdf")) : null;
    return new Meta(Records.utf8(require(txn, "label")), Records.utf8(require(txn, "serial")),
        Instant.ofEpochMilli(Records.u64(require(txn, "created"))), protection, kdf,
        require(txn, "keyset"), Records.u64(require(txn, "failures")));
  }

  void setFailures(Tx txn, long failures) {
    put(db, txn, "failures", Records.u64(failures));
  }

  Optional<Records.IdentityFields> identity(Tx txn) throws TokenException {
    byte[] value = db.identity.get(txn, key("client"));
    return value == null ? Optional.empty() : Optional.of(Records.decodeIdentity(value));
  }

  byte[] encryptedPrivateKey(Tx txn) throws TokenException {
    byte[] value = db.identity.get(txn, key("client.private"));
    if (value == null) {
      throw new TokenException(CORRUPT, "the token store is damaged: private key missing");
    }
    return value;
  }

  void putIdentity(Tx txn, ClientIdentity id, byte[] encryptedPrivate) {
    db.identity.put(txn, key("client"), Records.encodeIdentity(id.label(), id.identity(), id.created()));
    db.identity.put(txn, key("client.private"), encryptedPrivate);
  }

  void deleteIdentity(Tx txn) {
    db.partitions.clear(txn);
    db.identity.delete(txn, key("client.private"));
    db.identity.delete(txn, key("client"));
  }

  List<RegisteredPartition> partitions(Tx txn) throws TokenException {
    List<RegisteredPartition> out = new ArrayList<>();
    for (byte[][] kv : db.partitions.scan(txn, new byte[0])) {
      out.add(partition(kv[0], kv[1]));
    }
    return out;
  }

  Optional<RegisteredPartition> partition(Tx txn, long serial) throws TokenException {
    byte[] value = db.partitions.get(txn, Records.serialKey(serial));
    return value == null ? Optional.empty() : Optional.of(partition(Records.serialKey(serial), value));
  }

  void putPartition(Tx txn, RegisteredPartition p) {
    db.partitions.put(txn, Records.serialKey(p.serial()),
        Records.encodeIdentity(p.label(), p.identity(), p.registered()));
  }

  boolean deletePartition(Tx txn, long serial) {
    return db.partitions.delete(txn, Records.serialKey(serial));
  }

  private static RegisteredPartition partition(byte[] key, byte[] value) throws TokenException {
    if (key.length != 8) {
      throw new TokenException(CORRUPT, "the token store is damaged: bad partition key");
    }
    Records.IdentityFields f = Records.decodeIdentity(value);
    long serial = java.nio.ByteBuffer.wrap(key).getLong();
    return new RegisteredPartition(serial, f.label(), f.identity(), f.time());
  }

  private byte[] require(Tx txn, String name) throws TokenException {
    byte[] value = db.meta.get(txn, key(name));
    if (value == null) {
      throw new TokenException(CORRUPT, "the token store is damaged: '" + name + "' missing");
    }
    return value;
  }

  private static void put(TokenDb db, Tx txn, String name, byte[] value) {
    db.meta.put(txn, key(name), value);
  }
}
