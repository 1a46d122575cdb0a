package org.openstc.partition.store;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import javax.security.auth.Destroyable;
import org.openstc.command.CkResult;
import org.openstc.crypto.SecretBytes;

/**
 * The host master key unsealed, in this process's memory only: a Tink AES-256-GCM keyset that
 * wraps every partition key. Obtained from {@link Hsm#init} or {@link Hsm#unseal}; given to
 * {@link HostStore#unseal}. {@link #destroy()} wipes the serialized keyset (Tink's own copy inside
 * the primitive is dropped with the object).
 */
public final class MasterKey implements Destroyable {
  static {
    HostKeys.register();
  }

  private final SecretBytes keyset;
  private final long serial;
  private volatile Aead aead;

  private MasterKey(SecretBytes keyset, long serial) throws GeneralSecurityException {
    this.keyset = keyset;
    this.serial = serial;
    KeysetHandle handle = TinkProtoKeysetFormat.parseKeyset(keyset.bytes(), InsecureSecretKeyAccess.get());
    this.aead = HostKeys.aead(handle);
  }

  static MasterKey generate(long serial) throws StoreException {
    try {
      KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      return new MasterKey(SecretBytes.wrap(
          TinkProtoKeysetFormat.serializeKeyset(fresh, InsecureSecretKeyAccess.get())), serial);
    } catch (GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot create a master key", e);
    }
  }

  /** A master key from its serialized keyset, which this object then owns (and wipes). */
  static MasterKey of(byte[] keyset, long serial) throws StoreException {
    try {
      return new MasterKey(SecretBytes.wrap(keyset), serial);
    } catch (GeneralSecurityException e) {
      SecretBytes.wipe(keyset);
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "the unsealed master key is not a valid keyset", e);
    }
  }

  /** The serial of the host this key belongs to. */
  public long serial() {
    return serial;
  }

  Aead aead() {
    Aead a = aead;
    if (a == null) {
      throw new IllegalStateException("the master key was destroyed");
    }
    return a;
  }

  /** The serialized keyset; never leaves this package, and only to be sealed again. */
  byte[] keyset() {
    return keyset.bytes();
  }

  @Override
  public void destroy() {
    aead = null;
    keyset.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return aead == null;
  }
}
