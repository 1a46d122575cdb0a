package org.openstc.partition.store;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies.Entry;
import org.openstc.command.ObjectBodies.Info;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.store.Tx;

/**
 * Objects of each partition ({@code objects}: serial||u32 handle -> {@link StoredObject}). A key
 * object holds a Tink keyset encrypted by the partition key with serial||handle as associated
 * data; a certificate or data object holds its value sealed by {@link ObjectValues}. An object's
 * stored size counts against the partition. Labels need not be unique. Loaded keys are cached
 * ({@link KeyPrimitiveCache}); a use reads the store again only after a commit.
 */
public final class KeyObjects {
  private final Lmdb db;
  private final Partitions partitions;
  private final HostKeys keys;
  private final KeyPrimitiveCache<ObjectCrypto> loaded =
      new KeyPrimitiveCache<>(KeyPrimitiveCache.MAX_TOTAL, KeyPrimitiveCache.MAX_PER_PARTITION);

  KeyObjects(Lmdb db, Partitions partitions, HostKeys keys) {
    this.db = db;
    this.partitions = partitions;
    this.keys = keys;
  }

  /** Generates a key object; refused with CKR_DEVICE_MEMORY when it does not fit. */
  public Entry generate(long serial, ObjectType type, String label) throws StoreException {
    if (!type.isKey()) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "OBJECT_GENERATE makes key objects (types 1-3), not "
          + type.label() + " objects");
    }
    KeysetHandle fresh = newKeyset(type);
    return insert(serial, type, label, (p, handle) -> encrypt(p, fresh, handle));
  }

  /** Stores a caller's 32-byte AES-256 key as an AES object (sealed like a generated one). */
  public Entry importAes(long serial, String label, byte[] key) throws StoreException {
    KeysetHandle imported;
    try {
      imported = RawKeys.importAes(key);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, "the key is not a valid AES-256 key", e);
    }
    return insert(serial, ObjectType.AES256, label, (p, handle) -> encrypt(p, imported, handle));
  }

  /** Stores a certificate (checked as DER X.509) or data object. */
  public Entry create(long serial, ObjectType type, String label, byte[] value) throws StoreException {
    if (type == ObjectType.CERTIFICATE) {
      ObjectValues.checkCertificate(value);
    }
    return insert(serial, type, label,
        (p, handle) -> ObjectValues.seal(keys.partition(serial, p.wrappedKey()), serial, handle, value));
  }

  /** Stores {@code keyset} as a new object under the next handle (cloning import). */
  Entry store(long serial, ObjectType type, String label, KeysetHandle keyset) throws StoreException {
    return insert(serial, type, label, (p, handle) -> encrypt(p, keyset, handle));
  }

  /** An object's entry and its keyset in clear (for cloning export only). */
  Loaded keyset(long serial, long handle) throws StoreException {
    return db.read(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      StoredObject s = find(txn, serial, handle, CkResult.CKR_OBJECT_HANDLE_INVALID);
      if (!s.entry().type().isKey()) {
        throw new StoreException(CkResult.CKR_KEY_TYPE_INCONSISTENT, "only key objects are cloned, not "
            + s.entry().type().label() + " objects");
      }
      try {
        return new Loaded(s.entry(), TinkProtoKeysetFormat.parseEncryptedKeyset(s.sealed(),
            keys.partition(serial, p.wrappedKey()), Bytes.key(serial, handle)));
      } catch (GeneralSecurityException e) {
        throw StoreException.corrupt("key object " + handle, e);
      }
    });
  }

  record Loaded(Entry entry, KeysetHandle keyset) {}

  public List<Entry> list(long serial) throws StoreException {
    return db.read(txn -> {
      partitions.require(txn, serial);
      List<Entry> out = new ArrayList<>();
      for (byte[][] kv : db.objects.scan(txn, Bytes.prefix(serial))) {
        out.add(StoredObject.decode(Bytes.readU32(Bytes.suffix(kv[0])), kv[1]).entry());
      }
      return out;
    });
  }

  /** OBJECT_INFO: type, label, key id, public key, creation time and value length. */
  public Info info(long serial, long handle) throws StoreException {
    return db.read(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      StoredObject s = find(txn, serial, handle, CkResult.CKR_OBJECT_HANDLE_INVALID);
      Entry e = s.entry();
      if (!e.type().isKey()) {
        int length = ObjectValues.open(keys.partition(serial, p.wrappedKey()), serial, handle, s.sealed()).length;
        return new Info(e.type(), e.label(), 0, new byte[0], s.createdMillis(), length);
      }
      ObjectCrypto c = load(txn, p, s);
      return new Info(e.type(), e.label(), c.keyId(), c.publicKeySpki(), s.createdMillis(),
          e.type() == ObjectType.AES256 ? 32 : 0);
    });
  }

  /** OBJECT_VALUE: a certificate's or data object's value; key objects are CKR_ATTRIBUTE_SENSITIVE. */
  public byte[] value(long serial, long handle) throws StoreException {
    return db.read(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      StoredObject s = find(txn, serial, handle, CkResult.CKR_OBJECT_HANDLE_INVALID);
      if (s.entry().type().isKey()) {
        throw new StoreException(CkResult.CKR_ATTRIBUTE_SENSITIVE, "object " + handle + " is a "
            + s.entry().type().label() + " key; its value never leaves the partition");
      }
      return ObjectValues.open(keys.partition(serial, p.wrappedKey()), serial, handle, s.sealed());
    });
  }

  public void destroy(long serial, long handle) throws StoreException {
    db.write(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      StoredObject s = find(txn, serial, handle, CkResult.CKR_OBJECT_HANDLE_INVALID);
      db.objects.delete(txn, Bytes.key(serial, handle));
      long size = s.entry().storedBytes();
      partitions.put(txn, p.withObjects(p.objectBytes() - size, p.objectCount() - 1, p.nextHandle()));
      return null;
    });
    loaded.remove(serial, handle);
  }

  public byte[] encrypt(long serial, long handle, byte[] plaintext, byte[] aad) throws StoreException {
    return use(serial, handle).encrypt(plaintext, aad);
  }

  public byte[] decrypt(long serial, long handle, byte[] ciphertext, byte[] aad) throws StoreException {
    return use(serial, handle).decrypt(ciphertext, aad);
  }

  public byte[] sign(long serial, long handle, byte[] data) throws StoreException {
    return use(serial, handle).sign(data);
  }

  /** Returns normally if the signature verifies; CKR_SIGNATURE_INVALID otherwise. */
  public void verify(long serial, long handle, byte[] data, byte[] signature) throws StoreException {
    use(serial, handle).verify(data, signature);
  }

  public byte[] publicKeyset(long serial, long handle) throws StoreException {
    return use(serial, handle).publicKeyset();
  }

  public byte[] encryptGcm(long serial, long handle, byte[] iv, byte[] plaintext, byte[] aad, int tagBytes)
      throws StoreException {
    return use(serial, handle).encryptGcm(iv, plaintext, aad, tagBytes);
  }

  public byte[] decryptGcm(long serial, long handle, byte[] iv, byte[] ciphertextAndTag, byte[] aad,
      int tagBytes) throws StoreException {
    return use(serial, handle).decryptGcm(iv, ciphertextAndTag, aad, tagBytes);
  }

  public byte[] signDigest(long serial, long handle, byte[] digest) throws StoreException {
    return use(serial, handle).signDigest(digest);
  }

  private ObjectCrypto use(long serial, long handle) throws StoreException {
    return use(serial, handle, db.lastCommit());
  }

  /**
   * The loaded key of object {@code handle}, for an operation, where {@code lastCommit} is the
   * store's last commit as the caller just read it (a current {@link PartitionCache.View#stamp}),
   * so that one command reads it once: no object is CKR_KEY_HANDLE_INVALID, a certificate or data
   * object CKR_KEY_TYPE_INCONSISTENT.
   */
  public ObjectCrypto use(long serial, long handle, long lastCommit) throws StoreException {
    ObjectCrypto cached = cached(serial, handle, lastCommit);
    if (cached != null) {
      return cached; // nothing changed since the object was last read
    }
    return db.read(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      StoredObject s = find(txn, serial, handle, CkResult.CKR_KEY_HANDLE_INVALID);
      if (!s.entry().type().isKey()) {
        throw new StoreException(CkResult.CKR_KEY_TYPE_INCONSISTENT, "object " + handle + " is a "
            + s.entry().type().label() + " object, not a key");
      }
      return load(txn, p, s);
    });
  }

  /**
   * The loaded key of object {@code handle} if it is cached and was confirmed at {@code
   * lastCommit} (see {@link #use(long, long, long)}), else null; never touches the store.
   */
  public ObjectCrypto cached(long serial, long handle, long lastCommit) {
    return loaded.get(serial, handle, lastCommit);
  }

  /** Drops the loaded objects of a deleted or re-initialized partition. */
  void forget(long serial) {
    loaded.removePartition(serial);
  }

  /** The object's primitives: the cached ones if built from the same sealed keyset, else loaded. */
  private ObjectCrypto load(Tx txn, PartitionRecord p, StoredObject s) throws StoreException {
    long handle = s.entry().handle();
    ObjectCrypto c = loaded.confirm(p.serial(), handle, s.sealed(), txn.id());
    if (c == null) {
      c = ObjectCrypto.load(s.entry().type(), s.sealed(), keys.partition(p.serial(), p.wrappedKey()),
          Bytes.key(p.serial(), handle));
      loaded.put(p.serial(), handle, s.sealed(), c, txn.id());
    }
    return c;
  }

  private interface Sealer {
    byte[] seal(PartitionRecord p, long handle) throws StoreException;
  }

  private Entry insert(long serial, ObjectType type, String label, Sealer sealer) throws StoreException {
    Partitions.checkName("object label", label);
    return db.write(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      long handle = p.nextHandle();
      byte[] sealed = sealer.seal(p, handle);
      if (sealed.length > p.freeBytes()) {
        throw new StoreException(CkResult.CKR_DEVICE_MEMORY, "partition " + p.name() + " is full: the "
            + type.label() + " object needs " + sealed.length + " bytes, " + p.freeBytes() + " bytes are free");
      }
      Entry e = new Entry(handle, type, label, sealed.length);
      db.objects.put(txn, Bytes.key(serial, handle), new StoredObject(e, sealed, System.currentTimeMillis()).encode());
      partitions.put(txn, p.withObjects(p.objectBytes() + sealed.length, p.objectCount() + 1, handle + 1));
      return e;
    });
  }

  private StoredObject find(Tx txn, long serial, long handle, CkResult missing) throws StoreException {
    byte[] v = db.objects.get(txn, Bytes.key(serial, handle));
    if (v == null) {
      throw new StoreException(missing, "no object with handle " + handle);
    }
    return StoredObject.decode(handle, v);
  }

  private byte[] encrypt(PartitionRecord p, KeysetHandle handle, long objectHandle) throws StoreException {
    try {
      return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle,
          keys.partition(p.serial(), p.wrappedKey()), Bytes.key(p.serial(), objectHandle));
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot encrypt the key object", e);
    }
  }

  private static KeysetHandle newKeyset(ObjectType type) throws StoreException {
    try {
      return ObjectCrypto.generate(type);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot generate a " + type.label() + " key", e);
    }
  }
}
