package org.openstc.partition.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.partition.store.Refusals.refused;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.store.LmdbStore;

/**
 * The SSH host key ({@link SshHostKey}: public in clear, private sealed by the master key, made
 * once) and the accounts' SSH public keys ({@link AccountKeys}: per account, bounded, deleted
 * with the account).
 */
class SshKeysStoreTest {
  static final byte[] PW = "admin-pass-1".getBytes(US_ASCII);
  static final String KEY1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEbtBhzyBUkidRxO25/3mnDkqhhCadxGDhAw+PV07kQq a@b";
  static final String KEY2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJQ0oR1uS6zs3YqM0AAAAAAAAAAAAAAAAAAAAAAAAAAA c@d";
  @TempDir Path home;

  @Test
  void theHostKeyIsMadeOnceItsPrivateHalfSealedAndItsPublicHalfReadableWhenSealed()
      throws Exception {
    byte[] raw;
    byte[] pkcs8;
    try (HostStore store = TestHost.open(home, new PinHasher(64, 1), false)) {
      assertTrue(store.sshHostKey().publicKey().isEmpty());
      SshHostKey.Pair made = store.sshHostKey().loadOrCreate();
      SshHostKey.Pair again = store.sshHostKey().loadOrCreate();
      assertArrayEquals(made.publicKey(), again.publicKey());
      assertArrayEquals(made.pkcs8(), again.pkcs8());
      assertEquals(SshHostKey.PUBLIC_LENGTH, made.publicKey().length);
      raw = made.publicKey();
      pkcs8 = made.pkcs8().clone();
      SshHostKey.wipe(made);
      assertTrue(Arrays.equals(new byte[made.pkcs8().length], made.pkcs8()));
    }
    try (HostStore sealed = HostStore.open(home, new PinHasher(64, 1))) {
      assertArrayEquals(raw, sealed.sshHostKey().publicKey().orElseThrow());
      refused(CkResult.CKR_USER_NOT_LOGGED_IN, "sealed", () -> sealed.sshHostKey().load());
    }
    // the private key signs for the public key kept beside it
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    s.update(new byte[] {1, 2, 3});
    byte[] sig = s.sign();
    assertEquals(64, sig.length);
    // no trace of the private key in clear in the store file
    byte[] data = Files.readAllBytes(LmdbStore.dataFile(home.resolve("store")));
    byte[] seed = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
    assertFalse(contains(data, seed), "the SSH host key's seed is in the store in clear");
  }

  @Test
  void accountKeysArePerAccountBoundedAndGoWithTheAccount() throws Exception {
    try (HostStore store = TestHost.open(home, new PinHasher(64, 1), false)) {
      AccountKeys keys = store.accountKeys();
      refused(CkResult.CKR_ARGUMENTS_BAD, "does not exist", () -> keys.add("ghost", KEY1));
      store.accounts().add("admin", AdminRole.ADMIN, PW);
      store.accounts().add("op", AdminRole.OPERATOR, PW);
      keys.add("admin", KEY1);
      keys.add("admin", "  " + KEY2 + "\n");
      keys.add("op", KEY1);
      assertEquals(List.of(KEY1, KEY2), keys.list("admin"));
      refused(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, "already has", () -> keys.add("admin", KEY1));
      refused(CkResult.CKR_ARGUMENTS_BAD, "one line", () -> keys.add("admin", KEY1 + "\n" + KEY2));
      refused(CkResult.CKR_ARGUMENTS_BAD, "one line", () -> keys.add("admin", ""));
      refused(CkResult.CKR_ARGUMENTS_BAD, "one line",
          () -> keys.add("admin", "x".repeat(AccountKeys.MAX_LINE + 1)));
      assertEquals(KEY1, keys.delete("admin", 1));
      assertEquals(List.of(KEY2), keys.list("admin"));
      refused(CkResult.CKR_ARGUMENTS_BAD, "no public key 2", () -> keys.delete("admin", 2));
      store.accounts().delete("op");
      assertEquals(List.of(), keys.list("op"));
      store.accounts().add("op", AdminRole.OPERATOR, PW);
      assertEquals(List.of(), keys.list("op"), "a new account of the same name has no old keys");
      for (int i = keys.list("admin").size(); i < AccountKeys.MAX_KEYS; i++) {
        keys.add("admin", "ssh-ed25519 AAAA" + i);
      }
      refused(CkResult.CKR_DEVICE_MEMORY, "delete one first", () -> keys.add("admin", "ssh-x y"));
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
