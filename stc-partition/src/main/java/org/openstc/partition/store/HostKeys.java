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
import org.openstc.crypto.SecretBytes;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.identity.internal.SmallFiles;

/**
 * The key hierarchy at rest. The host master key ({@code master.key}: a Tink AES-256-GCM keyset
 * stored in clear in an owner-only file, so that file's permissions are what protect everything
 * else) wraps each partition's own AES-256-GCM keyset; the partition keyset encrypts the partition's
 * identity private key and its key objects. Associated data binds each ciphertext to its serial.
 */
final class HostKeys {
  static final String MASTER_KEY_FILE = "master.key";

  static {
    try {
      AeadConfig.register();
      SignatureConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Aead master;
  private final ConcurrentHashMap<Long, Aead> partitions = new ConcurrentHashMap<>();

  private HostKeys(Aead master) {
    this.master = master;
  }

  /**
   * Loads {@code home/master.key}; with {@code create} (a home with no trace of a store, see
   * {@link HostStore}) it first writes a new one, owner-only. It is never created otherwise.
   */
  static HostKeys open(Path home, boolean create) throws StoreException {
    Path file = home.resolve(MASTER_KEY_FILE);
    byte[] bytes = null;
    try {
      if (create) {
        KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        OwnerOnlyFiles.write(file, TinkProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get()));
      }
      checkOwnerOnly(file);
      bytes = SmallFiles.read(file);
      KeysetHandle handle = TinkProtoKeysetFormat.parseKeyset(bytes, InsecureSecretKeyAccess.get());
      return new HostKeys(aead(handle));
    } catch (IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot read or create " + file + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, file + " is not a valid master key", e);
    } finally {
      SecretBytes.wipe(bytes);
    }
  }

  private static void checkOwnerOnly(Path file) throws IOException, StoreException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    perms.remove(PosixFilePermission.OWNER_READ);
    perms.remove(PosixFilePermission.OWNER_WRITE);
    if (!perms.isEmpty()) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR,
          file + " must be readable by its owner only (chmod 600): it protects every partition key");
    }
  }

  /** A fresh partition keyset, wrapped by the master key for {@code serial}. */
  byte[] newPartitionKeyset(long serial) throws StoreException {
    try {
      KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, master, partitionAd(serial));
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
      Aead aead = aead(TinkProtoKeysetFormat.parseEncryptedKeyset(wrappedKeyset, master, partitionAd(serial)));
      partitions.put(serial, aead);
      return aead;
    } catch (GeneralSecurityException e) {
      throw StoreException.corrupt("key of partition " + serial, e);
    }
  }

  /** Encrypts a host secret other than a partition key (e.g. the NTLS server key) for {@code purpose}. */
  byte[] seal(byte[] plaintext, String purpose) throws StoreException {
    try {
      return master.encrypt(plaintext, Bytes.utf8(purpose));
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot encrypt the " + purpose, e);
    }
  }

  /** Decrypts what {@link #seal} wrote for {@code purpose}. */
  byte[] unseal(byte[] sealed, String purpose) throws StoreException {
    try {
      return master.decrypt(sealed, Bytes.utf8(purpose));
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
