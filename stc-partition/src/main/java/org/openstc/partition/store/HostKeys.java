package org.openstc.partition.store;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openstc.command.CkResult;

/**
 * The key hierarchy at rest. The host master key (sealed in {@code master.key}, see
 * {@link SealedMasterKey}; unsealed only in memory, {@link MasterKey}) wraps each partition's own
 * AES-256-GCM keyset; the partition keyset encrypts the partition's identity private key and its
 * key objects. Associated data binds each ciphertext to its serial. Until {@link #unseal} every
 * use of a key is refused with CKR_USER_NOT_LOGGED_IN: the host is sealed.
 */
final class HostKeys {
  static {
    try {
      AeadConfig.register();
      SignatureConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The key files of a host home (names under the home), copied as they are by a backup. */
  static java.util.List<String> keyFiles() {
    return java.util.List.of(SealedMasterKey.FILE, HostRecord.FILE);
  }

  private volatile Aead master;
  private final ConcurrentHashMap<Long, Aead> partitions = new ConcurrentHashMap<>();

  /** Loads this class, which registers Tink's AEAD and signature key types. */
  static void register() {}

  /** Sealed: no master key yet. */
  HostKeys() {}

  void unseal(MasterKey key) {
    this.master = key.aead();
  }

  boolean isUnsealed() {
    return master != null;
  }

  private Aead master() throws StoreException {
    Aead m = master;
    if (m == null) {
      throw new StoreException(CkResult.CKR_USER_NOT_LOGGED_IN, "the host is sealed: its master key"
          + " is needed, so log in as HSM SO first (hsm login in the stcsh:> shell, or -password-file"
          + " FILE / -shares FILE,... on this command)");
    }
    return m;
  }

  /** Refuses a file that anyone but its owner may read or write. */
  static void checkOwnerOnly(Path file, String what) throws IOException, StoreException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    perms.remove(PosixFilePermission.OWNER_READ);
    perms.remove(PosixFilePermission.OWNER_WRITE);
    if (!perms.isEmpty()) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR,
          what + " " + file + " must be readable by its owner only (chmod 600)");
    }
  }

  /** A fresh partition keyset, wrapped by the master key for {@code serial}. */
  byte[] newPartitionKeyset(long serial) throws StoreException {
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, master(), partitionAd(serial));
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot create a partition key", e);
    }
  }

  /** The AEAD of a partition, unwrapped once and then cached. */
  Aead partition(long serial, byte[] wrappedKeyset) throws StoreException {
    Aead cached = partitions.get(serial);
    if (cached != null) {
      return cached;
    }
    try {
      Aead aead = aead(TinkProtoKeysetFormat.parseEncryptedKeyset(wrappedKeyset, master(), partitionAd(serial)));
      partitions.put(serial, aead);
      return aead;
    } catch (GeneralSecurityException e) {
      throw StoreException.corrupt("key of partition " + serial, e);
    }
  }

  /**
   * The partition keyset unwrapped, in clear (Tink binary), for a partition backup only: the
   * caller puts it inside the backup's encryption and wipes it.
   */
  byte[] insecureClearKeyset(long serial, byte[] wrappedKeyset) throws StoreException {
    try {
      KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(wrappedKeyset, master(),
          partitionAd(serial));
      return TinkProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw StoreException.corrupt("key of partition " + serial, e);
    }
  }

  /** Wraps a clear partition keyset (a restored partition backup's) under this host's master key. */
  byte[] wrapClearKeyset(long serial, byte[] clearKeyset) throws StoreException {
    KeysetHandle handle;
    try {
      handle = TinkProtoKeysetFormat.parseKeyset(clearKeyset, InsecureSecretKeyAccess.get());
      aead(handle);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "the backup's partition key is not a "
          + "partition keyset (damaged?)", e);
    }
    try {
      return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, master(), partitionAd(serial));
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot wrap the partition key", e);
    }
  }

  /** Encrypts a host secret other than a partition key (e.g. the NTLS server key) for {@code purpose}. */
  byte[] seal(byte[] plaintext, String purpose) throws StoreException {
    try {
      return master().encrypt(plaintext, Bytes.utf8(purpose));
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot encrypt the " + purpose, e);
    }
  }

  /** Decrypts what {@link #seal} wrote for {@code purpose}. */
  byte[] unseal(byte[] sealed, String purpose) throws StoreException {
    try {
      return master().decrypt(sealed, Bytes.utf8(purpose));
    } catch (GeneralSecurityException e) {
      throw StoreException.corrupt(purpose, e);
    }
  }

  void forget(long serial) {
    partitions.remove(serial);
  }

  static Aead aead(KeysetHandle handle) throws GeneralSecurityException {
    return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  private static byte[] partitionAd(long serial) {
    return Bytes.key(serial, Bytes.utf8("openstc partition key"));
  }
}
