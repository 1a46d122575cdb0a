package org.openstc.partition.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openstc.command.CkResult;
import org.openstc.identity.internal.OwnerOnlyFiles;
import org.openstc.store.LmdbStore;

/**
 * Whether a host home may get a new store and master key. Only a home with no trace of a store
 * does: no {@code store/} directory and no {@code master.key}. A home with either must have both,
 * with the data file; otherwise it is refused and nothing is created, because a fresh store would
 * hide the host's partitions and a fresh master key would make every existing partition unreadable.
 */
final class HostHome {
  static final String STORE_DIR = "store";
  /** What an operator can do about a damaged or incomplete home. */
  static final String REMEDY = "restore the home from a backup, or move it away to start a new host"
      + " with no partitions";

  private HostHome() {}

  /** True if {@code home} has no trace of a store (it is then created, owner-only); else checks it is whole. */
  static boolean prepare(Path home) throws StoreException {
    Path store = home.resolve(STORE_DIR);
    Path key = home.resolve(HostKeys.MASTER_KEY_FILE);
    boolean hasStore = Files.exists(store);
    boolean hasKey = Files.exists(key);
    if (!hasStore && !hasKey) {
      try {
        OwnerOnlyFiles.createDirectories(home);
      } catch (IOException e) {
        throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot create " + home + ": " + e.getMessage(), e);
      }
      return true;
    }
    if (!hasKey) {
      throw refused(home, "its master key " + key + " is missing (without it no partition can be read)");
    }
    Path data = LmdbStore.dataFile(store);
    if (!Files.exists(data)) {
      throw refused(home, "its store file " + data + " is missing");
    }
    return false;
  }

  private static StoreException refused(Path home, String what) {
    return new StoreException(CkResult.CKR_DEVICE_ERROR, "the host home " + home + " has a store, but "
        + what + "; nothing was changed: " + REMEDY);
  }
}
