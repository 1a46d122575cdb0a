package org.openstc.token;

import static org.openstc.token.TokenException.Reason.BUSY;
import static org.openstc.token.TokenException.Reason.IO_ERROR;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.openstc.identity.OwnerOnlyFiles;

/**
 * An advisory lock on {@code $STC_HOME/.token.lock} between processes: every open token holds it
 * shared; tokeninit and tokendelete need it exclusive and fail with {@code BUSY} rather than wait.
 * Within one JVM a second shared holder rides on the first (Java file locks are per process).
 * Concurrent reads and writes of an open token are serialised by LMDB's own lock.
 */
final class HomeLock implements AutoCloseable {
  static final String FILE = ".token.lock";
  private final FileChannel channel;
  private final FileLock lock;

  private HomeLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static HomeLock shared(Path home) throws TokenException {
    return acquire(home, true);
  }

  static HomeLock exclusive(Path home) throws TokenException {
    return acquire(home, false);
  }

  private static HomeLock acquire(Path home, boolean shared) throws TokenException {
    FileChannel channel = null;
    try {
      OwnerOnlyFiles.createDirectories(home);
      channel = FileChannel.open(home.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ);
      OwnerOnlyFiles.restrictFile(home.resolve(FILE));
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
      if (lock == null) {
        throw busy(shared);
      }
      return new HomeLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      if (shared) {
        return new HomeLock(channel, null);
      }
      close(channel);
      throw busy(false);
    } catch (IOException e) {
      close(channel);
      throw new TokenException(IO_ERROR, "cannot lock the token in " + home + ": " + e, e);
    } catch (TokenException e) {
      close(channel);
      throw e;
    }
  }

  private static TokenException busy(boolean shared) {
    return new TokenException(BUSY, shared
        ? "token busy: another process is initialising or deleting it"
        : "token busy: it is in use by another process (or this one)");
  }

  private static void close(FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // closing a lock file cannot lose data
    }
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException ignored) {
      // the lock goes with the channel anyway
    }
    close(channel);
  }
}
