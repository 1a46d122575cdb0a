package org.openstc.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.crypto.Argon2Cost;
import org.openstc.crypto.CryptoProviders;
import org.openstc.identity.IdentityFile;
import org.openstc.stc.InMemoryStaticKey;
import org.openstc.stc.KeyType;
import org.openstc.stc.StaticKeyAgreement;
import org.openstc.token.TokenException.Reason;

class TokenTest {
  @TempDir Path home;

  @Test
  void initOpenAndInfo() throws Exception {
    TokenInfo info = TokenHome.of(home).init("tok", null);
    assertTrue(info.serial().matches("[1-9][0-9]{11}"), info.serial());
    try (Token t = Token.open(home)) {
      assertEquals("tok", t.info().label());
      assertEquals(info.serial(), t.info().serial());
      assertFalse(t.info().passphraseProtected());
      assertTrue(t.clientIdentity().isEmpty());
      assertTrue(t.partitions().isEmpty());
    }
    assertReason(Reason.ALREADY_INITIALIZED, () -> TokenHome.of(home).init("again", null));
    assertReason(Reason.NOT_INITIALIZED, () -> Token.open(home.resolve("nothing")));
  }

  @Test
  void everythingCreatedIsOwnerOnly() throws Exception {
    TokenHome th = TokenHome.of(home.resolve("h"));
    th.init("tok", null);
    try (Token t = th.open()) {
      t.createIdentity("me", KeyType.X25519, null);
      t.registerPartition(TokenTestSupport.pid(5, KeyType.X25519), null, null);
    }
    try (var all = Files.walk(th.home())) {
      for (Path p : (Iterable<Path>) all::iterator) {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms, p.toString());
      }
    }
  }

  @Test
  void identityAgreesLikeAnInMemoryKeyForEveryKeyType() throws Exception {
    for (KeyType type : KeyType.values()) {
      Path h = home.resolve(type.label());
      TokenHome.of(h).init("tok", null);
      try (Token t = Token.open(h)) {
        ClientIdentity id = t.createIdentity("me", type, null);
        assertEquals(type, id.keyType());
        IdentityFile exported = IdentityFile.read(h.resolve("client_identities/me.stcid"));
        assertEquals(id.identity(), exported.identity());
        InMemoryStaticKey peer = InMemoryStaticKey.generate(type, CryptoProviders.jca());
        StaticKeyAgreement key = t.identity(null);
        assertEquals(id.identity(), key.identity());
        assertArrayEquals(peer.agree(key.publicKey()), key.agree(peer.publicKey()));
        t.close();
        assertTrue(key.isDestroyed());
        assertThrows(IllegalStateException.class, () -> key.agree(peer.publicKey()));
      }
    }
  }

  @Test
  void wrongPassphraseIsCountedAndChangesNothingElse() throws Exception {
    TokenHome.of(home).init("tok", "correct horse".toCharArray(), TokenTestSupport.CHEAP_KDF);
    try (Token t = Token.open(home)) {
      assertTrue(t.passphraseProtected());
      assertReason(Reason.PASSPHRASE_REQUIRED, () -> t.createIdentity("me", KeyType.P256, null));
      t.createIdentity("me", KeyType.P256, "correct horse".toCharArray());
      assertReason(Reason.WRONG_PASSPHRASE, () -> t.identity("wrong".toCharArray()));
      TokenException e = assertThrows(TokenException.class, () -> t.identity("wrong".toCharArray()));
      assertTrue(e.getMessage().contains("2 failed attempts"), e.getMessage());
      assertEquals(2, t.info().failedUnlocks());
      assertEquals("me", t.clientIdentity().orElseThrow().label());
      assertEquals(KeyType.P256, t.identity("correct horse".toCharArray()).keyType());
      assertEquals(0, t.info().failedUnlocks());
    }
  }

  @Test
  void oneIdentityPerTokenAndDeleteRemovesPartitionsFirst() throws Exception {
    TokenHome.of(home).init("tok", null);
    try (Token t = Token.open(home)) {
      assertReason(Reason.NO_IDENTITY, () -> t.deleteIdentity());
      t.createIdentity("me", KeyType.X25519, null);
      assertReason(Reason.IDENTITY_EXISTS, () -> t.createIdentity("me2", KeyType.X25519, null));
      t.registerPartition(TokenTestSupport.pid(11, KeyType.X25519), null, null);
      t.registerPartition(TokenTestSupport.pid(12, KeyType.X25519), "second", null);
      assertEquals(2, t.deleteIdentity().size());
      assertTrue(t.partitions().isEmpty());
      assertTrue(t.clientIdentity().isEmpty());
      assertFalse(Files.exists(home.resolve("client_identities/me.stcid")));
      assertFalse(Files.exists(home.resolve("partition_identities/11.pid")));
    }
  }

  @Test
  void partitionRegistrationRefusalsChangeNothing() throws Exception {
    TokenHome.of(home).init("tok", null);
    try (Token t = Token.open(home)) {
      IdentityFile pid = TokenTestSupport.pid(154438865304L, KeyType.X25519);
      assertReason(Reason.NO_IDENTITY, () -> t.registerPartition(pid, null, null));
      t.createIdentity("me", KeyType.X25519, null);
      assertReason(Reason.HASH_MISMATCH, () -> t.registerPartition(pid, null, "00".repeat(32)));
      assertReason(Reason.KEY_TYPE_MISMATCH,
          () -> t.registerPartition(TokenTestSupport.pid(7, KeyType.P521), null, null));
      assertTrue(t.partitions().isEmpty());
      RegisteredPartition p = t.registerPartition(pid, "app", pid.fingerprint().toUpperCase());
      assertEquals("app", p.label());
      assertTrue(Files.exists(home.resolve("partition_identities/154438865304.pid")));
      IdentityFile other = TokenTestSupport.pid(154438865304L, KeyType.X25519);
      assertReason(Reason.PARTITION_CONFLICT, () -> t.registerPartition(other, null, null));
      assertEquals(pid.identity(), t.partition(154438865304L).orElseThrow().identity());
      assertEquals("again", t.registerPartition(pid, "again", null).label());
      assertEquals(1, t.partitions().size());
      t.deregisterPartition(154438865304L);
      assertReason(Reason.PARTITION_NOT_FOUND, () -> t.deregisterPartition(154438865304L));
      assertFalse(Files.exists(home.resolve("partition_identities/154438865304.pid")));
    }
  }

  @Test
  void deleteIsRefusedWhileOpenAndRemovesTheStore() throws Exception {
    TokenHome th = TokenHome.of(home);
    th.init("tok", null);
    try (Token t = th.open()) {
      assertReason(Reason.BUSY, th::delete);
      assertEquals("tok", t.info().label());
    }
    th.delete();
    assertFalse(Files.exists(th.tokenDir()));
    assertReason(Reason.NOT_INITIALIZED, th::delete);
    th.init("fresh", null);
  }

  @Test
  void twoOpenTokensInOneJvmKeepTheHomeLockedUntilBothClose() throws Exception {
    TokenHome th = TokenHome.of(home);
    th.init("tok", null);
    Token first = th.open();
    try (Token second = th.open()) {
      first.close();
      first.close();
      assertThrows(IllegalStateException.class, first::info);
      assertReason(Reason.BUSY, th::delete);
      assertEquals("tok", second.info().label());
    }
    th.delete();
  }

  @Test
  void refusesANewerSchemaVersion() throws Exception {
    TokenHome.of(home).init("tok", null);
    try (TokenDb db = TokenDb.open(home.resolve("token"))) {
      db.write("bump", txn -> {
        db.meta.put(txn, Records.key("schema"), Records.u64(2));
        return null;
      });
    }
    assertReason(Reason.INCOMPATIBLE_VERSION, () -> Token.open(home));
  }

  @Test
  void defaultKdfIsMemoryHard() throws Exception {
    KdfParams p = KdfParams.fresh(new java.security.SecureRandom(), Argon2Cost.RECOMMENDED);
    assertEquals(64 * 1024, p.memoryKiB(), "RFC 9106 second recommended option: m = 64 MiB");
    assertEquals(3, p.iterations(), "t = 3");
    assertEquals(4, p.parallelism(), "p = 4");
    TokenHome.of(home).init("tok", "correct horse".toCharArray(), new Argon2Cost(96, 2, 1));
    try (TokenDb db = TokenDb.open(home.resolve("token"))) {
      KdfParams stored = db.read("meta", new TokenStore(db)::meta).kdf();
      assertEquals(96, stored.memoryKiB(), "a token keeps the cost chosen at its creation");
      assertEquals(2, stored.iterations());
    }
  }

  interface Action {
    void run() throws Exception;
  }

  static void assertReason(Reason reason, Action action) {
    TokenException e = assertThrows(TokenException.class, action::run);
    assertEquals(reason, e.reason(), e.getMessage());
  }
}
