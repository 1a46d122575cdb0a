package org.openstc.token;

import static org.openstc.token.TokenException.Reason.BUSY;
import static org.openstc.token.TokenException.Reason.IO_ERROR;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.openstc.identity.internal.OwnerOnlyFiles;

/**
 * An advisory lock on {@code $STC_HOME/.token.lock} between processes: every open token holds it
 * shared; tokeninit and tokendelete need it exclusive and fail with {@code BUSY} rather than wait.
 * Concurrent reads and writes of an open token are serialised by LMDB's own lock.
 *
 * <p>POSIX record locks belong to the process and vanish when any descriptor of the file is
 * closed, so the tokens of one JVM share one channel per lock file, counted in {@link #HELD}.
 */
final class HomeLock implements AutoCloseable {
  static final String FILE = ".token.lock";
  private static final Map<Path, Held> HELD = new HashMap<>();

  /** One OS-level lock and how many open tokens of this JVM use it (-1: exclusive). */
  private static final class Held {
    final FileChannel channel;
    final FileLock lock;
    int users;

    Held(FileChannel channel, FileLock lock, int users) {
      this.channel = channel;
      this.lock = lock;
      this.users = users;
    }
  }

  private final Path file;
  private boolean closed;

  private HomeLock(Path file) {
    this.file = file;
  }

  static HomeLock shared(Path home) throws TokenException {
    return acquire(home, true);
  }

  static HomeLock exclusive(Path home) throws TokenException {
    return acquire(home, false);
  }

  private static HomeLock acquire(Path home, boolean shared) throws TokenException {
    Path file = home.toAbsolutePath().normalize().resolve(FILE);
    synchronized (HELD) {
      Held held = HELD.get(file);
      if (held != null) {
        if (!shared || held.users < 0) {
          throw busy(shared);
        }
        held.users++;
        return new HomeLock(file);
      }
      HELD.put(file, lockFile(home, file, shared));
      return new HomeLock(file);
    }
  }

  private static Held lockFile(Path home, Path file, boolean shared) throws TokenException {
    FileChannel channel = null;
    try {
      OwnerOnlyFiles.createDirectories(home);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ);
      OwnerOnlyFiles.restrictFile(file);
      FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
      if (lock == null) {
        throw busy(shared);
      }
      return new Held(channel, lock, shared ? 1 : -1);
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
        ? "token busy: it is being initialised or deleted"
        : "token busy: it is in use (close it in every process first)");
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
    synchronized (HELD) {
      if (closed) {
        return;
      }
      closed = true;
      Held held = HELD.get(file);
      if (held.users > 1) {
        held.users--;
        return;
      }
      HELD.remove(file);
      close(held.channel);
    }
  }
}
