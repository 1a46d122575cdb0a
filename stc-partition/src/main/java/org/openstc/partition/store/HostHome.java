package org.openstc.partition.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openstc.command.CkResult;
import org.openstc.store.LmdbStore;

/**
 * Whether a host home may be opened. Only {@code hsm init} ({@link Hsm#init}) creates one; a home
 * without {@code host.record} is "not initialised" (or, with a clear {@code master.key}, an older
 * home to migrate), a zeroized one says so, and an initialised one must have its sealed master key
 * and its store file, or it is refused with nothing changed.
 */
final class HostHome {
  static final String STORE_DIR = "store";
  /** What an operator can do about a damaged or incomplete home. */
  static final String REMEDY = "restore the home from a backup, or move it away and run hsm init"
      + " to start a new host with no partitions";

  private HostHome() {}

  /** Refuses a home that is not an initialised, whole host. */
  static void check(Path home) throws StoreException {
    if (!HostRecord.exists(home)) {
      if (HostMigration.isOlderHome(home)) {
        throw HostMigration.refusal(home);
      }
      throw notInitialized(home);
    }
    if (HostRecord.read(home).zeroized()) {
      throw new StoreException(CkResult.CKR_TOKEN_NOT_RECOGNIZED, "the host in " + home
          + " is ZEROIZED: run stcsh hsm init -label LABEL to start again");
    }
    Path key = SealedMasterKey.file(home);
    if (!Files.exists(key)) {
      throw refused(home, "its master key " + key + " is missing (without it no partition can be read)");
    }
    try {
      HostKeys.checkOwnerOnly(key, "the sealed master key");
    } catch (java.io.IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot read " + key + ": " + e.getMessage(), e);
    }
    checkStoreFile(home);
  }

  static void checkStoreFile(Path home) throws StoreException {
    Path data = LmdbStore.dataFile(home.resolve(STORE_DIR));
    if (!Files.exists(data)) {
      throw refused(home, "its store file " + data + " is missing");
    }
  }

  static StoreException notInitialized(Path home) {
    return new StoreException(CkResult.CKR_TOKEN_NOT_RECOGNIZED, "no host is initialised in " + home
        + ": run stcsh hsm init -label LABEL first (it sets the HSM SO password)");
  }

  private static StoreException refused(Path home, String what) {
    return new StoreException(CkResult.CKR_DEVICE_ERROR, "the host home " + home + " is initialised, but "
        + what + "; nothing was changed: " + REMEDY);
  }
}
