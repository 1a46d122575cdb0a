package org.openstc.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.stc.KeyType;
import org.openstc.token.TokenException.Reason;

/** The store's edge cases: a full map, a half-done tokeninit. */
class TokenDbTest {
  @TempDir Path home;

  @Test
  void aFullMapIsAClearErrorAndTheTransactionLeavesNoTrace() throws Exception {
    TokenHome.of(home).init("tok", null);
    try (TokenDb db = TokenDb.open(home.resolve("token"))) {
      TokenTest.assertReason(Reason.FULL, () -> db.write("fill", txn -> {
        db.meta.put(txn, Records.key("ballast"), new byte[(int) TokenDb.MAP_SIZE + 4096]);
        return null;
      }));
    }
    try (Token t = Token.open(home)) {
      t.createIdentity("me", KeyType.X25519, null);
      assertEquals("me", t.clientIdentity().orElseThrow().label());
    }
    try (TokenDb db = TokenDb.open(home.resolve("token"))) {
      boolean absent = db.read("check", txn -> db.meta.get(txn, Records.key("ballast")) == null);
      assertTrue(absent);
    }
  }

  @Test
  void aStoreWithoutMetaIsUninitializedAndCanBeInitialized() throws Exception {
    TokenDb.open(home.resolve("token")).close();
    assertTrue(TokenHome.of(home).exists());
    TokenTest.assertReason(Reason.NOT_INITIALIZED, () -> Token.open(home));
    TokenHome.of(home).init("tok", null);
    try (Token t = Token.open(home)) {
      assertEquals("tok", t.info().label());
    }
  }
}
