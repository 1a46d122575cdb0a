package org.openstc.cli.stcsh;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openstc.partition.store.MasterKey;

/**
 * The HSM SO's login in this process: {@code hsm login} in the {@code stcsh:>} shell keeps the
 * unsealed master key here, per host home, until {@code hsm logout}, zeroization, or the end of
 * the process. Only in memory; a one-shot command starts with nobody logged in.
 */
final class SoSession {
  private static final Map<Path, MasterKey> KEYS = new ConcurrentHashMap<>();

  private SoSession() {}

  static void login(Path home, MasterKey key) {
    MasterKey old = KEYS.put(home.toAbsolutePath().normalize(), key);
    if (old != null && old != key) {
      old.destroy();
    }
  }

  static boolean logout(Path home) {
    MasterKey old = KEYS.remove(home.toAbsolutePath().normalize());
    if (old != null) {
      old.destroy();
    }
    return old != null;
  }

  static Optional<MasterKey> key(Path home) {
    return Optional.ofNullable(KEYS.get(home.toAbsolutePath().normalize()));
  }
}
