package org.openstc.token;

import static org.openstc.token.TokenException.Reason.BUSY;
import static org.openstc.token.TokenException.Reason.CORRUPT;
import static org.openstc.token.TokenException.Reason.FULL;
import static org.openstc.token.TokenException.Reason.IO_ERROR;

import java.nio.file.Path;
import java.util.List;
import org.openstc.store.LmdbStore;
import org.openstc.store.StoreConfig;
import org.openstc.store.StoreFailure;
import org.openstc.store.Table;

/**
 * The token's tables on stc-store ({@code meta}, {@code identity}, {@code partitions}), each
 * operation one transaction, and the token's choice of {@link TokenException.Reason} for each kind
 * of LMDB failure. Tokens of one JVM on the same directory share one environment (stc-store).
 */
final class TokenDb implements AutoCloseable {
  /** Modest on purpose: a token holds one key and a few hundred partitions at most. */
  static final long MAP_SIZE = 16L * 1024 * 1024;
  private static final int MAX_READERS = 64;
  private static final StoreConfig CONFIG = new StoreConfig("token store", MAP_SIZE, MAX_READERS,
      true, List.of("meta", "identity", "partitions"));

  /** What a user can do about a damaged token. */
  static final String REMEDY = "restore the token directory from a backup, or delete the token"
      + " (stc tokendelete) and initialize a new one (stc tokeninit)";

  private final LmdbStore<TokenException> store;
  final Table meta;
  final Table identity;
  final Table partitions;

  /** A unit of work inside one transaction. */
  interface Work<R> extends org.openstc.store.Work<R, TokenException> {}

  private TokenDb(LmdbStore<TokenException> store) {
    this.store = store;
    this.meta = store.table("meta");
    this.identity = store.table("identity");
    this.partitions = store.table("partitions");
  }

  /** Opens (creating if needed) the environment in {@code dir}, owner-only, or shares it. */
  static TokenDb open(Path dir) throws TokenException {
    return new TokenDb(LmdbStore.open(dir, CONFIG, TokenDb::failure));
  }

  private static TokenException failure(StoreFailure failure, String message, Throwable cause) {
    TokenException.Reason reason = switch (failure) {
      case FULL -> FULL;
      case READERS_FULL, LOCKED -> BUSY;
      case CORRUPT -> CORRUPT;
      case IO -> IO_ERROR;
    };
    return new TokenException(reason, reason == CORRUPT ? message + ": " + REMEDY : message, cause);
  }

  <R> R read(String what, Work<R> work) throws TokenException {
    return store.read(what, work);
  }

  /** Runs {@code work} in a write transaction committed only if it returns normally. */
  <R> R write(String what, Work<R> work) throws TokenException {
    return store.write(what, work);
  }

  @Override
  public void close() {
    store.close();
  }
}
