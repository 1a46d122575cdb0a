package org.openstc.partition.store;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.file.Path;
import java.util.List;
import org.openstc.command.CkResult;
import org.openstc.store.LmdbStore;
import org.openstc.store.StoreConfig;
import org.openstc.store.StoreFailure;
import org.openstc.store.Table;
import org.openstc.store.Work;

/**
 * The host store's tables on stc-store, its schema check, and its choice of PKCS#11 result for
 * each kind of LMDB failure. Every store operation is one {@link #read} or one {@link #write}; a
 * write whose work throws is aborted, so nothing of it is stored.
 */
final class Lmdb implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;
  private static final long MAP_SIZE = 1L << 30;
  private static final int MAX_READERS = 256;
  private static final byte[] SCHEMA_KEY = "schema".getBytes(US_ASCII);
  private static final List<String> TABLES = List.of("meta", "partitions", "serials", "clients",
      "clients_by_fingerprint", "roles", "objects", "policies", "accounts");

  private final LmdbStore<StoreException> store;
  final Table meta;
  final Table partitions;
  final Table serials;
  final Table clients;
  final Table clientsByFingerprint;
  final Table roles;
  final Table objects;
  final Table policies;
  final Table accounts;

  private Lmdb(LmdbStore<StoreException> store) {
    this.store = store;
    this.meta = store.table("meta");
    this.partitions = store.table("partitions");
    this.serials = store.table("serials");
    this.clients = store.table("clients");
    this.clientsByFingerprint = store.table("clients_by_fingerprint");
    this.roles = store.table("roles");
    this.objects = store.table("objects");
    this.policies = store.table("policies");
    this.accounts = store.table("accounts");
  }

  /** Opens (creating if needed) the environment in {@code dir} and checks the schema version. */
  static Lmdb open(Path dir, boolean sync) throws StoreException {
    StoreConfig config = new StoreConfig("host store", MAP_SIZE, MAX_READERS, sync, TABLES);
    Lmdb lmdb = new Lmdb(LmdbStore.open(dir, config, Lmdb::failure));
    try {
      lmdb.checkSchema();
      return lmdb;
    } catch (StoreException | RuntimeException e) {
      lmdb.close();
      throw e;
    }
  }

  /**
   * A full map is CKR_DEVICE_MEMORY (the partition's space is gone); anything else DEVICE_ERROR, and
   * a damaged store says how to recover.
   */
  private static StoreException failure(StoreFailure failure, String message, Throwable cause) {
    CkResult result = failure == StoreFailure.FULL ? CkResult.CKR_DEVICE_MEMORY : CkResult.CKR_DEVICE_ERROR;
    return new StoreException(result, failure == StoreFailure.CORRUPT ? message + ": " + HostHome.REMEDY
        : message, cause);
  }

  private void checkSchema() throws StoreException {
    write(txn -> {
      byte[] v = meta.get(txn, SCHEMA_KEY);
      if (v == null) {
        meta.put(txn, SCHEMA_KEY, Bytes.u32(SCHEMA_VERSION));
      } else if (Bytes.readU32(v) != SCHEMA_VERSION) {
        throw new StoreException(CkResult.CKR_DEVICE_ERROR, "host store schema version "
            + Bytes.readU32(v) + " is not supported (this version reads " + SCHEMA_VERSION + ")");
      }
      return null;
    });
  }

  <R> R read(Work<R, StoreException> work) throws StoreException {
    return store.read("read the host store", work);
  }

  <R> R write(Work<R, StoreException> work) throws StoreException {
    return store.write("update the host store", work);
  }

  /** The last commit of any process ({@link LmdbStore#lastCommit}): the caches' stamp. */
  long lastCommit() throws StoreException {
    return store.lastCommit();
  }

  /** A consistent compacted copy of the data file into the empty directory {@code dir}. */
  void copyTo(Path dir) throws StoreException {
    store.copyTo(dir);
  }

  @Override
  public void close() {
    store.close();
  }
}
