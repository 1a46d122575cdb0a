package org.openstc.cli.stcsh;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openstc.partition.store.MasterKey;

/**
 * The HSM SO's login in this process: {@code hsm login} in the {@code stcsh:>} shell keeps the
 * unsealed master key here, per host home, until {@code hsm logout}, zeroization, or the end of
 * the process. Only in memory; a one-shot command starts with nobody logged in. Each SSH session
 * of the running service has its own scope ({@link #scoped}): an {@code hsm login} over SSH is
 * that session's alone and ends with it.
 */
final class SoSession {
  private static final Map<Key, MasterKey> KEYS = new ConcurrentHashMap<>();
  private static final Object PROCESS = new Object();
  private static final ThreadLocal<Object> SCOPE = ThreadLocal.withInitial(() -> PROCESS);

  private record Key(Object scope, Path home) {}

  private SoSession() {}

  /** Runs {@code work} on this thread in a scope of its own; its SO logins end with it. */
  static void scoped(Runnable work) {
    Object scope = new Object();
    SCOPE.set(scope);
    try {
      work.run();
    } finally {
      KEYS.entrySet().removeIf(e -> {
        boolean mine = e.getKey().scope() == scope;
        if (mine) {
          e.getValue().destroy();
        }
        return mine;
      });
      SCOPE.remove();
    }
  }

  private static Key scopedKey(Path home) {
    return new Key(SCOPE.get(), home.toAbsolutePath().normalize());
  }

  static void login(Path home, MasterKey key) {
    MasterKey old = KEYS.put(scopedKey(home), key);
    if (old != null && old != key) {
      old.destroy();
    }
  }

  static boolean logout(Path home) {
    MasterKey old = KEYS.remove(scopedKey(home));
    if (old != null) {
      old.destroy();
    }
    return old != null;
  }

  static Optional<MasterKey> key(Path home) {
    return Optional.ofNullable(KEYS.get(scopedKey(home)));
  }
}
