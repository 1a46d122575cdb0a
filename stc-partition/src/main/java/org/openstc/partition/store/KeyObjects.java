package org.openstc.partition.store;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.openstc.store.Tx;
import org.openstc.command.CkResult;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.ObjectBodies.Entry;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * Key objects of each partition ({@code objects}: serial||u32 handle -> type, label, Tink keyset
 * encrypted by the partition key with serial||handle as associated data). A generated object's
 * stored size counts against the partition. Handles are never reused, so a loaded object may be
 * cached; every use still checks that the object exists.
 */
public final class KeyObjects {
  private final Lmdb db;
  private final Partitions partitions;
  private final HostKeys keys;
  private final ConcurrentHashMap<String, ObjectCrypto> loaded = new ConcurrentHashMap<>();

  KeyObjects(Lmdb db, Partitions partitions, HostKeys keys) {
    this.db = db;
    this.partitions = partitions;
    this.keys = keys;
  }

  /** Generates an object; refused with CKR_DEVICE_MEMORY when it does not fit. */
  public Entry generate(long serial, ObjectType type, String label) throws StoreException {
    Partitions.checkName("object label", label);
    return store(serial, type, label, newKeyset(type));
  }

  /** Stores {@code keyset} as a new object under the next handle (generate and cloning import). */
  Entry store(long serial, ObjectType type, String label, KeysetHandle keyset) throws StoreException {
    return db.write(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      long handle = p.nextHandle();
      byte[] encrypted = encrypt(p, keyset, handle);
      if (encrypted.length > p.freeBytes()) {
        throw new StoreException(CkResult.CKR_DEVICE_MEMORY, "partition " + p.name() + " is full: the "
            + type.label() + " object needs " + encrypted.length + " bytes, " + p.freeBytes() + " bytes are free");
      }
      db.objects.put(txn, Bytes.key(serial, handle), encode(type, label, encrypted));
      partitions.put(txn, p.withObjects(p.objectBytes() + encrypted.length, p.objectCount() + 1, handle + 1));
      return new Entry(handle, type, label, encrypted.length);
    });
  }

  /** An object's entry and its keyset in clear (for cloning export only). */
  Loaded keyset(long serial, long handle) throws StoreException {
    return db.read(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      Stored s = find(txn, serial, handle, CkResult.CKR_OBJECT_HANDLE_INVALID);
      try {
        return new Loaded(s.entry, TinkProtoKeysetFormat.parseEncryptedKeyset(s.encrypted,
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
        out.add(decode(Bytes.readU32(Bytes.suffix(kv[0])), kv[1]).entry);
      }
      return out;
    });
  }

  public void destroy(long serial, long handle) throws StoreException {
    db.write(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      Stored s = find(txn, serial, handle, CkResult.CKR_OBJECT_HANDLE_INVALID);
      db.objects.delete(txn, Bytes.key(serial, handle));
      long size = s.entry.storedBytes();
      partitions.put(txn, p.withObjects(p.objectBytes() - size, p.objectCount() - 1, p.nextHandle()));
      return null;
    });
    loaded.remove(cacheKey(serial, handle));
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

  /** Drops the loaded objects of a deleted partition. */
  void forget(long serial) {
    loaded.keySet().removeIf(k -> k.startsWith(serial + "/"));
  }

  private ObjectCrypto use(long serial, long handle) throws StoreException {
    return db.read(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      Stored s = find(txn, serial, handle, CkResult.CKR_KEY_HANDLE_INVALID);
      String key = cacheKey(serial, handle);
      ObjectCrypto c = loaded.get(key);
      if (c == null) {
        c = ObjectCrypto.load(s.entry.type(), s.encrypted, keys.partition(serial, p.wrappedKey()), Bytes.key(serial, handle));
        loaded.put(key, c);
      }
      return c;
    });
  }

  private Stored find(Tx txn, long serial, long handle, CkResult missing) throws StoreException {
    byte[] v = db.objects.get(txn, Bytes.key(serial, handle));
    if (v == null) {
      throw new StoreException(missing, "no object with handle " + handle);
    }
    return decode(handle, v);
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

  private static String cacheKey(long serial, long handle) {
    return serial + "/" + handle;
  }

  private record Stored(Entry entry, byte[] encrypted) {}

  private static byte[] encode(ObjectType type, String label, byte[] encrypted) {
    return new WireWriter().u8(type.code()).string(label).bytes(encrypted).toByteArray();
  }

  private static Stored decode(long handle, byte[] v) throws StoreException {
    try {
      WireReader in = new WireReader(v);
      ObjectType type = ObjectType.fromCode(in.u8());
      String label = in.string(256);
      byte[] encrypted = in.bytes(1 << 16);
      in.end();
      return new Stored(new Entry(handle, type, label, encrypted.length), encrypted);
    } catch (MalformedCommandException e) {
      throw StoreException.corrupt("key object " + handle, e);
    }
  }
}
