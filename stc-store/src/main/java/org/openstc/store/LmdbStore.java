package org.openstc.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.locks.Lock;
import org.lmdbjava.CopyFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * An LMDB store as one of its users sees it: open it, name its tables, run each operation as one
 * {@link #read} or one {@link #write} transaction, close it. A write whose work throws is aborted,
 * so nothing of it is stored. Every LMDB failure leaves as the store's own exception {@code E},
 * made by its {@link FailureMapper} from the one {@link StoreFailure} classification.
 *
 * <p>Stores of one process on the same directory share one environment ({@link SharedEnv}); the
 * first opener's map size, readers and sync setting apply.
 */
public final class LmdbStore<E extends Exception> implements AutoCloseable {
  final SharedEnv shared;
  private final FailureMapper<E> mapper;
  private boolean closed;

  private LmdbStore(SharedEnv shared, FailureMapper<E> mapper) {
    this.shared = shared;
    this.mapper = mapper;
  }

  /**
   * Opens (creating owner-only if needed) the store in {@code dir}, or shares it if open. An
   * existing data file is checked first ({@link DataFile}); a damaged one is refused as {@link
   * StoreFailure#CORRUPT} and left as it was.
   */
  public static <E extends Exception> LmdbStore<E> open(Path dir, StoreConfig config,
      FailureMapper<E> mapper) throws E {
    String what = "open the " + config.name() + " in " + dir;
    try {
      return new LmdbStore<>(SharedEnv.acquire(dir, config), mapper);
    } catch (DataFile.Damaged e) {
      throw mapper.map(StoreFailure.CORRUPT, "the " + config.name() + " file "
          + dir.resolve(DataFile.NAME) + " is damaged: " + e.getMessage() + "; nothing was changed", e);
    } catch (IOException e) {
      throw mapper.map(StoreFailure.IO, "cannot " + what + ": " + e, e);
    } catch (LmdbException e) {
      throw failure(config, mapper, what, e);
    }
  }

  /** The LMDB data file of a store in {@code dir} (whether or not it exists). */
  public static Path dataFile(Path dir) {
    return dir.resolve(DataFile.NAME);
  }

  /**
   * The pages the store in {@code dir} uses, read from its data file without opening it (no reader
   * slot, so nothing is pinned while another process writes it): for monitoring the file's growth.
   */
  public static StorePages pages(Path dir) throws IOException {
    try {
      return DataFile.pages(dir);
    } catch (DataFile.Damaged e) {
      throw new IOException("the data file " + dir.resolve(DataFile.NAME) + " is damaged: "
          + e.getMessage(), e);
    }
  }

  /** The table named {@code name} (one of the config's tables). */
  public Table table(String name) {
    Table t = shared.tables.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no table " + name + " in the " + shared.config.name());
    }
    return t;
  }

  /** Runs {@code work} in a read transaction; {@code what} names it in messages ("read the token"). */
  public <R> R read(String what, Work<R, E> work) throws E {
    return run(false, what, work);
  }

  /** Runs {@code work} in a write transaction committed only if it returns normally. */
  public <R> R write(String what, Work<R, E> work) throws E {
    return run(true, what, work);
  }

  private <R> R run(boolean write, String what, Work<R, E> work) throws E {
    Lock lock = shared.inUse.readLock();
    lock.lock();
    try (Txn<ByteBuffer> txn = begin(write)) {
      R result = work.run(new Tx(txn));
      if (write) {
        txn.commit();
      }
      return result;
    } catch (LmdbException e) {
      throw failure(shared.config, mapper, what, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The id of the last write transaction committed on this store by any process: while it is the
   * {@link Tx#id} of a read, nothing in the store has changed since that read (caches use it as
   * their stamp). Cheaper than a transaction: it reads LMDB's meta page.
   */
  public long lastCommit() throws E {
    Lock lock = shared.inUse.readLock();
    lock.lock();
    try {
      checkOpen();
      return shared.env.info().lastTransactionId;
    } catch (LmdbException e) {
      throw failure(shared.config, mapper, "read the " + shared.config.name() + "'s last commit", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes a consistent, compacted copy of the data file into the existing empty directory
   * {@code dir} (LMDB's compacting copy: one read transaction, so writers go on meanwhile).
   */
  public void copyTo(Path dir) throws E {
    Lock lock = shared.inUse.readLock();
    lock.lock();
    try {
      begin(false).close(); // refuses a closed store
      shared.env.copy(dir.toFile(), CopyFlags.MDB_CP_COMPACT);
    } catch (LmdbException e) {
      throw failure(shared.config, mapper, "copy the " + shared.config.name() + " to " + dir, e);
    } finally {
      lock.unlock();
    }
  }

  private Txn<ByteBuffer> begin(boolean write) {
    checkOpen();
    return write ? shared.env.txnWrite() : shared.env.txnRead();
  }

  private synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this " + shared.config.name() + " is closed");
    }
  }

  private static <E extends Exception> E failure(StoreConfig config, FailureMapper<E> mapper,
      String what, LmdbException e) {
    StoreFailure kind = StoreFailure.of(e);
    return mapper.map(kind, "cannot " + what + ": "
        + kind.describe(config.name(), config.mapSize(), e.getMessage()), e);
  }

  /** Closes this user's view; the last one waits for running transactions (not holding this). */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    shared.release();
  }
}
