package org.openstc.partition.store;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import java.nio.file.Path;

/**
 * For stc-cli's real-process tests, which scan a host's files for the master key: the raw AES key
 * and the serialized keyset of the host in {@code home}, unsealed here with the SO password.
 */
public final class MasterKeyBytes {
  private MasterKeyBytes() {}

  /** {raw AES-256 key, serialized keyset} of the host's master key. */
  public static byte[][] of(Path home, char[] soPassword) throws Exception {
    MasterKey key = Hsm.unseal(home, SoSecret.password(soPassword));
    try {
      byte[] keyset = key.keyset().clone();
      KeysetHandle h = TinkProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get());
      byte[] raw = ((AesGcmKey) h.getPrimary().getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
      return new byte[][] {raw, keyset};
    } finally {
      key.destroy();
    }
  }
}
