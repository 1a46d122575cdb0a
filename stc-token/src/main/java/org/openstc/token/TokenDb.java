package org.openstc.token;

import static org.openstc.token.TokenException.Reason.BUSY;
import static org.openstc.token.TokenException.Reason.CORRUPT;
import static org.openstc.token.TokenException.Reason.FULL;
import static org.openstc.token.TokenException.Reason.IO_ERROR;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.LmdbNativeException;
import org.lmdbjava.Txn;
import org.openstc.identity.OwnerOnlyFiles;

/**
 * The token's LMDB environment: three databases ({@code meta}, {@code identity},
 * {@code partitions}), each operation one transaction, and the one place where LMDB exceptions
 * become {@link TokenException}s.
 *
 * <p>LMDB allows one environment per file per process (its locks are POSIX record locks, which any
 * close in the process drops), so every open token of one JVM on the same directory shares one
 * instance, counted in {@link #OPEN}; the environment closes with its last user.
 */
final class TokenDb implements AutoCloseable {
  /** Modest on purpose: a token holds one key and a few hundred partitions at most. */
  static final long MAP_SIZE = 16L * 1024 * 1024;
  private static final int FILE_MODE = 0600;

  private static final Map<Path, TokenDb> OPEN = new HashMap<>();

  private final Path dir;
  private final Env<byte[]> env;
  private int users = 1;
  final Dbi<byte[]> meta;
  final Dbi<byte[]> identity;
  final Dbi<byte[]> partitions;

  /** A unit of work inside one transaction. */
  interface Work<R> {
    R run(Txn<byte[]> txn) throws TokenException;
  }

  private TokenDb(Path dir, Env<byte[]> env) {
    this.dir = dir;
    this.env = env;
    this.meta = env.openDbi("meta", DbiFlags.MDB_CREATE);
    this.identity = env.openDbi("identity", DbiFlags.MDB_CREATE);
    this.partitions = env.openDbi("partitions", DbiFlags.MDB_CREATE);
  }

  /** Opens (creating if needed) the environment in {@code dir}, owner-only, or shares it. */
  static TokenDb open(Path dir) throws TokenException {
    Path key = dir.toAbsolutePath().normalize();
    synchronized (OPEN) {
      TokenDb db = OPEN.get(key);
      if (db != null) {
        db.users++;
        return db;
      }
      db = openEnv(key);
      OPEN.put(key, db);
      return db;
    }
  }

  private static TokenDb openEnv(Path dir) throws TokenException {
    Env<byte[]> env = null;
    try {
      OwnerOnlyFiles.createDirectories(dir);
      env = Env.create(PinnedByteArrayProxy.INSTANCE).setMapSize(MAP_SIZE).setMaxDbs(4)
          .setMaxReaders(64).open(dir.toFile(), FILE_MODE, EnvFlags.MDB_NOTLS);
      env.readerCheck();
      restrictFiles(dir);
      return new TokenDb(dir, env);
    } catch (IOException e) {
      closeQuietly(env);
      throw new TokenException(IO_ERROR, "cannot open the token store in " + dir + ": " + e, e);
    } catch (LmdbException e) {
      closeQuietly(env);
      throw translate(e, "open the token store in " + dir);
    }
  }

  <R> R read(String what, Work<R> work) throws TokenException {
    try (Txn<byte[]> txn = env.txnRead()) {
      return work.run(txn);
    } catch (LmdbException e) {
      throw translate(e, what);
    }
  }

  /** Runs {@code work} in a write transaction committed only if it returns normally. */
  <R> R write(String what, Work<R> work) throws TokenException {
    try (Txn<byte[]> txn = env.txnWrite()) {
      R result = work.run(txn);
      txn.commit();
      return result;
    } catch (LmdbException e) {
      throw translate(e, what);
    }
  }

  /** The one translation of LMDB failures. */
  static TokenException translate(LmdbException e, String what) {
    String message = "cannot " + what + ": ";
    if (e instanceof Env.MapFullException) {
      return new TokenException(FULL, message + "the token store is full ("
          + MAP_SIZE / (1024 * 1024) + " MiB)", e);
    } else if (e instanceof Env.ReadersFullException) {
      return new TokenException(BUSY, message + "token busy: too many processes use it", e);
    } else if (e instanceof Env.FileInvalidException || e instanceof Env.VersionMismatchException
        || e instanceof LmdbNativeException.PageCorruptedException
        || e instanceof LmdbNativeException.PanicException) {
      return new TokenException(CORRUPT, message + "the token store is damaged (" + e.getMessage() + ")", e);
    } else if (e instanceof LmdbNativeException n && n.getResultCode() == 11) {
      return new TokenException(BUSY, message + "token busy (locked by another process)", e);
    }
    return new TokenException(IO_ERROR, message + e.getMessage(), e);
  }

  private static void restrictFiles(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          OwnerOnlyFiles.restrictFile(f);
        }
      }
    }
  }

  private static void closeQuietly(Env<byte[]> env) {
    if (env != null) {
      env.close();
    }
  }

  @Override
  public void close() {
    synchronized (OPEN) {
      if (users == 0) {
        return;
      }
      if (--users == 0) {
        OPEN.remove(dir);
        env.close();
      }
    }
  }
}
