package org.openstc.partition.store;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.KeyRange;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.openstc.command.CkResult;

/**
 * The host store's LMDB environment and databases, the transaction helpers and the one place where
 * LMDB errors become {@link StoreException}s. Every store operation is one {@link #read} or one
 * {@link #write}; a write whose work throws is aborted, so nothing of it is stored.
 */
final class Lmdb implements AutoCloseable {
  static final int SCHEMA_VERSION = 1;
  private static final long MAP_SIZE = 1L << 30;
  private static final byte[] SCHEMA_KEY = "schema".getBytes(US_ASCII);

  /** Work inside a transaction. */
  @FunctionalInterface
  interface Work<R> {
    R run(Txn<byte[]> txn) throws StoreException;
  }

  private final Env<byte[]> env;
  final Dbi<byte[]> meta;
  final Dbi<byte[]> partitions;
  final Dbi<byte[]> serials;
  final Dbi<byte[]> clients;
  final Dbi<byte[]> clientsByFingerprint;
  final Dbi<byte[]> roles;
  final Dbi<byte[]> objects;

  private Lmdb(Env<byte[]> env) {
    this.env = env;
    this.meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
    this.partitions = env.openDbi("partitions", DbiFlags.MDB_CREATE);
    this.serials = env.openDbi("serials", DbiFlags.MDB_CREATE);
    this.clients = env.openDbi("clients", DbiFlags.MDB_CREATE);
    this.clientsByFingerprint = env.openDbi("clients_by_fingerprint", DbiFlags.MDB_CREATE);
    this.roles = env.openDbi("roles", DbiFlags.MDB_CREATE);
    this.objects = env.openDbi("objects", DbiFlags.MDB_CREATE);
  }

  /** Opens (creating if needed) the environment in {@code dir} and checks the schema version. */
  static Lmdb open(Path dir, boolean sync) throws StoreException {
    try {
      HostFiles.createOwnerOnlyDirectory(dir);
      Env<byte[]> env = Env.create(PinnedByteArrayProxy.INSTANCE).setMapSize(MAP_SIZE).setMaxDbs(8)
          .setMaxReaders(256).open(dir.toFile(), 0600, flags(sync));
      Lmdb lmdb = new Lmdb(env);
      lmdb.checkSchema();
      return lmdb;
    } catch (IOException e) {
      throw new StoreException(CkResult.CKR_DEVICE_ERROR, "cannot create " + dir + ": " + e.getMessage(), e);
    } catch (LmdbException e) {
      throw translate(e);
    }
  }

  private static EnvFlags[] flags(boolean sync) {
    return sync ? new EnvFlags[] {EnvFlags.MDB_NOTLS}
        : new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC};
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

  <R> R read(Work<R> work) throws StoreException {
    try (Txn<byte[]> txn = env.txnRead()) {
      return work.run(txn);
    } catch (LmdbException e) {
      throw translate(e);
    }
  }

  <R> R write(Work<R> work) throws StoreException {
    try (Txn<byte[]> txn = env.txnWrite()) {
      R result = work.run(txn);
      txn.commit();
      return result;
    } catch (LmdbException e) {
      throw translate(e);
    }
  }

  /** Keys and values of {@code dbi} whose key starts with {@code prefix}, in key order. */
  static List<byte[][]> scan(Dbi<byte[]> dbi, Txn<byte[]> txn, byte[] prefix) {
    List<byte[][]> out = new ArrayList<>();
    try (CursorIterable<byte[]> it = dbi.iterate(txn,
        prefix.length == 0 ? KeyRange.all() : KeyRange.atLeast(prefix))) {
      for (CursorIterable.KeyVal<byte[]> kv : it) {
        if (!startsWith(kv.key(), prefix)) {
          break;
        }
        out.add(new byte[][] {kv.key().clone(), kv.val().clone()});
      }
    }
    return out;
  }

  /** Deletes every record of {@code dbi} whose key starts with {@code prefix}. */
  static void deletePrefix(Dbi<byte[]> dbi, Txn<byte[]> txn, byte[] prefix) {
    for (byte[][] kv : scan(dbi, txn, prefix)) {
      dbi.delete(txn, kv[0]);
    }
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** The one translation of LMDB failures. */
  static StoreException translate(LmdbException e) {
    if (e instanceof Env.MapFullException) {
      return new StoreException(CkResult.CKR_DEVICE_MEMORY, "the host store file is full", e);
    }
    if (e instanceof Env.ReadersFullException) {
      return new StoreException(CkResult.CKR_DEVICE_ERROR, "too many concurrent store readers", e);
    }
    return new StoreException(CkResult.CKR_DEVICE_ERROR, "host store failure: " + e.getMessage(), e);
  }

  @Override
  public void close() {
    env.close();
  }
}
