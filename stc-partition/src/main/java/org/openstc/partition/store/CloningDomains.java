package org.openstc.partition.store;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.subtle.Hkdf;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.openstc.command.CkResult;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.ObjectBodies.Entry;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * Cloning domains (docs/protocol.md, "Cloning: OBJECT_EXPORT and OBJECT_IMPORT_WRAPPED"). The
 * Partition SO enters a domain secret; the partition keeps only the derived 32-byte domain key,
 * encrypted by the partition key, in the {@code policies} table under {@code domain.<serial>}. An
 * object leaves a partition only wrapped under that key and enters only a partition of the same
 * domain, with HSM policies 7 and 16 and partition policy 0 (private keys) or 4 (secret keys) on.
 */
public final class CloningDomains {
  /** The wrapped-object format this code writes and reads. */
  static final int FORMAT = 1;
  private static final byte[] SALT = Bytes.utf8("openstc cloning domain v1");
  private static final int MAX_WRAPPED = 1 << 16;

  private final Lmdb db;
  private final Partitions partitions;
  private final HostKeys keys;
  private final Policies policies;
  private final KeyObjects objects;

  CloningDomains(Lmdb db, Partitions partitions, HostKeys keys, Policies policies, KeyObjects objects) {
    this.db = db;
    this.partitions = partitions;
    this.keys = keys;
    this.policies = policies;
    this.objects = objects;
  }

  /** Sets the partition's domain from {@code secret} (at least 16 bytes; the caller wipes it). */
  public void set(long serial, byte[] secret) throws StoreException {
    if (secret.length < 16) {
      throw new StoreException(CkResult.CKR_PIN_LEN_RANGE, "a cloning domain secret has at least 16 bytes");
    }
    byte[] domainKey = derive(secret, "key");
    try {
      db.write(txn -> {
        PartitionRecord p = partitions.require(txn, serial);
        try {
          db.policies.put(txn, slot(serial), keys.partition(serial, p.wrappedKey()).encrypt(domainKey, slot(serial)));
        } catch (GeneralSecurityException e) {
          throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot store the cloning domain", e);
        }
        return null;
      });
    } finally {
      Arrays.fill(domainKey, (byte) 0);
    }
  }

  /** The object wrapped for another partition of the domain: format, domain id, type, label, blob. */
  public byte[] export(long serial, long handle) throws StoreException {
    KeyObjects.Loaded o = objects.keyset(serial, handle);
    checkPolicies(serial, o.entry().type(), "export");
    byte[] domainKey = domainKey(serial);
    try {
      byte[] id = domainId(domainKey);
      byte[] ad = ad(id, o.entry().type(), o.entry().label());
      byte[] blob = TinkProtoKeysetFormat.serializeEncryptedKeyset(o.keyset(), new DomainAead(domainKey), ad);
      return new WireWriter().u8(FORMAT).bytes(id).u8(o.entry().type().code()).string(o.entry().label())
          .bytes(blob).toByteArray();
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot wrap object " + handle, e);
    } finally {
      Arrays.fill(domainKey, (byte) 0);
    }
  }

  /** Unwraps an exported object into the partition as a new object; returns its entry. */
  public Entry importWrapped(long serial, byte[] wrapped) throws StoreException, MalformedCommandException {
    WireReader in = new WireReader(wrapped);
    int format = in.u8();
    byte[] id = in.bytes(32);
    ObjectType type = ObjectType.fromCode(in.u8());
    String label = in.string(256);
    byte[] blob = in.bytes(MAX_WRAPPED);
    in.end();
    if (format != FORMAT) {
      throw new MalformedCommandException("unknown wrapped-object format " + format);
    }
    Partitions.checkName("object label", label);
    checkPolicies(serial, type, "import");
    byte[] domainKey = domainKey(serial);
    try {
      if (!MessageDigest.isEqual(id, domainId(domainKey))) {
        throw new StoreException(CkResult.CKR_ACTION_PROHIBITED,
            "the object was exported from another cloning domain");
      }
      KeysetHandle keyset;
      try {
        keyset = TinkProtoKeysetFormat.parseEncryptedKeyset(blob, new DomainAead(domainKey), ad(id, type, label));
      } catch (GeneralSecurityException e) {
        throw new StoreException(CkResult.CKR_ENCRYPTED_DATA_INVALID,
            "the wrapped object does not authenticate (altered, or type or label changed)");
      }
      return objects.store(serial, type, label, keyset);
    } finally {
      Arrays.fill(domainKey, (byte) 0);
    }
  }

  private void checkPolicies(long serial, ObjectType type, String what) throws StoreException {
    PolicyValues hsm = policies.hsm();
    for (Policy p : new Policy[] {Policy.ALLOW_CLONING, Policy.ALLOW_NETWORK_REPLICATION}) {
      if (!hsm.isOn(p)) {
        throw refused(what, "HSM policy " + p.code() + " (" + p.title() + ") is off");
      }
    }
    Policy needed = type == ObjectType.AES256
        ? Policy.ALLOW_SECRET_KEY_CLONING : Policy.ALLOW_PRIVATE_KEY_CLONING;
    if (!policies.partition(serial).isOn(needed)) {
      throw refused(what, "partition policy " + needed.code() + " (" + needed.title() + ") is off");
    }
  }

  private static StoreException refused(String what, String why) {
    return new StoreException(CkResult.CKR_ACTION_PROHIBITED, "cloning " + what + " refused: " + why);
  }

  private byte[] domainKey(long serial) throws StoreException {
    return db.read(txn -> {
      PartitionRecord p = partitions.require(txn, serial);
      byte[] sealed = db.policies.get(txn, slot(serial));
      if (sealed == null) {
        throw new StoreException(CkResult.CKR_ACTION_PROHIBITED,
            "partition " + p.name() + " has no cloning domain (the Partition SO sets one)");
      }
      try {
        Aead aead = keys.partition(serial, p.wrappedKey());
        return aead.decrypt(sealed, slot(serial));
      } catch (GeneralSecurityException e) {
        throw StoreException.corrupt("cloning domain of partition " + serial, e);
      }
    });
  }

  private static byte[] slot(long serial) {
    return Bytes.key(serial, Bytes.utf8("domain"));
  }

  private static byte[] domainId(byte[] domainKey) throws StoreException {
    try {
      return derive(domainKey, "id", 16);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot derive the domain id", e);
    }
  }

  private static byte[] derive(byte[] secret, String info) throws StoreException {
    try {
      return derive(secret, info, 32);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot derive the domain key", e);
    }
  }

  private static byte[] derive(byte[] ikm, String info, int size) throws GeneralSecurityException {
    return Hkdf.computeHkdf("HMACSHA256", ikm, SALT, Bytes.utf8(info), size);
  }

  /** AD = domain id || type || label || format. */
  private static byte[] ad(byte[] id, ObjectType type, String label) {
    return new WireWriter().bytes(id).u8(type.code()).string(label).u8(FORMAT).toByteArray();
  }
}
