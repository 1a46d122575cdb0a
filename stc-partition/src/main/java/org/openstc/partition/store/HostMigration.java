package org.openstc.partition.store;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.security.SecureRandom;
import org.openstc.command.CkResult;
import org.openstc.identity.internal.SmallFiles;

/**
 * Homes made before hosts were sealed: a {@code master.key} holding the Tink keyset in clear, a
 * store, and no {@code host.record}. They are refused until {@code hsm init -migrate} seals that
 * same key (the partitions stay readable): the sealed file replaces the clear one in one atomic
 * rename. No copy of the clear key is kept, on purpose: a backup in clear would undo the sealing;
 * the operator's backup of the whole home taken before migrating is the way back.
 */
public final class HostMigration {
  private HostMigration() {}

  static boolean isOlderHome(Path home) {
    return Files.exists(SealedMasterKey.file(home)) && !HostRecord.exists(home)
        && !SealedMasterKey.isSealed(home);
  }

  static StoreException refusal(Path home) {
    return new StoreException(CkResult.CKR_TOKEN_NOT_RECOGNIZED, "the host home " + home
        + " is from an older version: its master key is stored in clear. Back the home up, then seal"
        + " it once with: stcsh hsm init -migrate -label LABEL (its partitions are kept)");
  }

  /** Seals the clear master key of an older home by {@code secret}; returns it unsealed. */
  public static MasterKey migrate(Path home, String label, SoSecret secret, PinHasher hasher)
      throws StoreException {
    Hsm.checkLabel(label);
    if (!isOlderHome(home)) {
      throw new StoreException(CkResult.CKR_ARGUMENTS_BAD, home + " is not a home of an older version"
          + " (no clear master.key without host.record): nothing to migrate");
    }
    HostHome.checkStoreFile(home);
    byte[] clear;
    try {
      clear = SmallFiles.read(SealedMasterKey.file(home));
      TinkProtoKeysetFormat.parseKeyset(clear, InsecureSecretKeyAccess.get());
    } catch (IOException | GeneralSecurityException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, SealedMasterKey.file(home)
          + " is not a valid clear master key; nothing was changed", e);
    }
    byte[] seal = new byte[16];
    new SecureRandom().nextBytes(seal);
    HostRecord host = HostRecord.fresh(label, 100_000 + new SecureRandom().nextInt(900_000),
        HexFormat.of().formatHex(seal), hasher.cost());
    MasterKey key = MasterKey.of(clear, host.serial());
    Hsm.seal(home, host, key, secret, hasher);
    host.write(home);
    return key;
  }
}
