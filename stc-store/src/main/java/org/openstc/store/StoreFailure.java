package org.openstc.store;

import org.lmdbjava.Env;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;

/** What went wrong with an LMDB store, in the few kinds a store's callers act on. */
public enum StoreFailure {
  /** The map (the store file's size limit) is full. */
  FULL,
  /** Too many concurrent readers (processes and threads) use the environment. */
  READERS_FULL,
  /** Another process holds the environment's lock. */
  LOCKED,
  /** The store file is damaged or was written by an incompatible LMDB. */
  CORRUPT,
  /** Any other file system or LMDB error. */
  IO;

  private static final int EAGAIN = 11;

  /** The one classification of lmdbjava's exceptions. */
  static StoreFailure of(LmdbException e) {
    if (e instanceof Env.MapFullException) {
      return FULL;
    } else if (e instanceof Env.ReadersFullException) {
      return READERS_FULL;
    } else if (e instanceof Env.FileInvalidException || e instanceof Env.VersionMismatchException
        || e instanceof LmdbNativeException.PageCorruptedException
        || e instanceof LmdbNativeException.PageNotFoundException
        || e instanceof LmdbNativeException.PanicException) {
      return CORRUPT;
    } else if (e instanceof LmdbNativeException n && n.getResultCode() == EAGAIN) {
      return LOCKED;
    }
    return IO;
  }

  /** An operator's message: {@code store} names the store ("token store"), {@code mapSize} its limit. */
  String describe(String store, long mapSize, String detail) {
    switch (this) {
      case FULL:
        return "the " + store + " is full (" + mapSize / (1024 * 1024) + " MiB)";
      case READERS_FULL:
        return store + " busy: too many processes or threads use it";
      case LOCKED:
        return store + " busy: locked by another process";
      case CORRUPT:
        return "the " + store + " is damaged (" + detail + ")";
      default:
        return "LMDB error in the " + store + " (" + detail + ")";
    }
  }
}
