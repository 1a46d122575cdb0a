package org.openstc.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.store.LmdbStoreTest.Failed;

/** {@link LmdbStore#lastCommit} as a change stamp: it moves with every commit and nothing else. */
class LastCommitTest {
  @TempDir Path home;

  @Test
  void aReadSeesTheLastCommitUntilSomeoneWrites() throws Exception {
    try (LmdbStore<Failed> store = LmdbStoreTest.open(home.resolve("db"));
        LmdbStore<Failed> other = LmdbStoreTest.open(home.resolve("db"))) {
      store.write("fill", tx -> {
        store.table("a").put(tx, LmdbStoreTest.b("k"), LmdbStoreTest.b("v"));
        return null;
      });
      long seen = store.read("stamp", Tx::id);
      assertEquals(seen, store.lastCommit());
      assertEquals(seen, (long) store.read("again", Tx::id));

      assertThrows(Failed.class, () -> other.write("aborted", tx -> {
        other.table("a").put(tx, LmdbStoreTest.b("k"), LmdbStoreTest.b("w"));
        throw new Failed(StoreFailure.IO, "refused", null);
      }));
      assertEquals(seen, store.lastCommit(), "an aborted write changes nothing");

      other.write("change", tx -> {
        other.table("b").put(tx, LmdbStoreTest.b("x"), LmdbStoreTest.b("y"));
        return null;
      });
      assertNotEquals(seen, store.lastCommit());
      assertEquals(store.lastCommit(), (long) store.read("new stamp", Tx::id));
    }
  }

  @Test
  void aClosedStoreRefuses() throws Exception {
    LmdbStore<Failed> store = LmdbStoreTest.open(home.resolve("db"));
    store.close();
    assertThrows(IllegalStateException.class, store::lastCommit);
  }
}
