package org.openstc.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.BufferProxy;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * One open LMDB environment and its tables, shared by every {@link LmdbStore} of this process on
 * the same directory.
 *
 * <p>LMDB allows one environment per file per process: its locks are POSIX record locks, which any
 * close of the file in the process drops. So the stores of one JVM on one directory share one
 * instance, counted in {@link #users}; the environment closes with its last user.
 *
 * <p>Closing an environment unmaps the file under any transaction still running, which crashes
 * the JVM when that transaction reads. So every transaction holds {@link #inUse} shared and the
 * close waits for it exclusively; a transaction begun after the close fails cleanly.
 */
final class SharedEnv {
  /** Direct buffers (docs/performance.md, "LMDB buffer proxy"). */
  static final BufferProxy<ByteBuffer> PROXY = ByteBufferProxy.PROXY_OPTIMAL;
  private static final int FILE_MODE = 0600;
  private static final String[] LMDB_FILES = {"data.mdb", "lock.mdb"};
  private static final Map<Path, SharedEnv> OPEN = new HashMap<>();

  final Path dir;
  final StoreConfig config;
  final Env<ByteBuffer> env;
  final Map<String, Table> tables = new LinkedHashMap<>();
  final ReadWriteLock inUse = new ReentrantReadWriteLock();
  private int users = 1;

  private SharedEnv(Path dir, StoreConfig config, Env<ByteBuffer> env) {
    this.dir = dir;
    this.config = config;
    this.env = env;
    for (String name : config.tables()) {
      tables.put(name, new Table(env.openDbi(name, DbiFlags.MDB_CREATE)));
    }
  }

  /** The environment in {@code dir}, opened (and created owner-only) by its first user. */
  static SharedEnv acquire(Path dir, StoreConfig config) throws IOException, DataFile.Damaged {
    Path key = dir.toAbsolutePath().normalize();
    synchronized (OPEN) {
      SharedEnv shared = OPEN.get(key);
      if (shared != null) {
        if (!shared.config.tables().equals(config.tables())) {
          throw new IllegalStateException(key + " is already open as another store");
        }
        shared.users++;
        return shared;
      }
      shared = open(key, config);
      OPEN.put(key, shared);
      return shared;
    }
  }

  private static SharedEnv open(Path dir, StoreConfig config) throws IOException, DataFile.Damaged {
    if (Files.exists(dir.resolve(DataFile.NAME))) {
      DataFile.check(dir); // before LMDB maps it: a damaged file would crash the JVM
    }
    OwnerOnlyFiles.createDirectories(dir);
    Env<ByteBuffer> env = Env.create(PROXY).setMapSize(config.mapSize())
        .setMaxDbs(config.tables().size()).setMaxReaders(config.maxReaders())
        .open(dir.toFile(), FILE_MODE, flags(config.syncOnCommit()));
    try {
      env.readerCheck();
      for (String name : LMDB_FILES) {
        if (Files.isRegularFile(dir.resolve(name))) {
          OwnerOnlyFiles.restrictFile(dir.resolve(name));
        }
      }
      return new SharedEnv(dir, config, env);
    } catch (IOException | RuntimeException e) {
      env.close();
      throw e;
    }
  }

  private static EnvFlags[] flags(boolean sync) {
    return sync ? new EnvFlags[] {EnvFlags.MDB_NOTLS}
        : new EnvFlags[] {EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC};
  }

  /**
   * One user fewer; the last one waits for running transactions and closes the environment. It
   * stays registered until then, so an open meanwhile shares it instead of opening a second one.
   */
  void release() {
    synchronized (OPEN) {
      if (--users > 0) {
        return;
      }
    }
    inUse.writeLock().lock();
    try {
      synchronized (OPEN) {
        if (users == 0) { // nobody acquired it again while running transactions finished
          OPEN.remove(dir);
          env.close();
        }
      }
    } finally {
      inUse.writeLock().unlock();
    }
  }
}
