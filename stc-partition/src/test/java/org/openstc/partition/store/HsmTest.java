package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.stc.KeyType;

/** hsm init, the sealed master key, SO login counting and zeroization, password change. */
class HsmTest {
  static final PinHasher CHEAP = HostStoreTest.CHEAP;
  static final String PW = "so-password-1";

  @TempDir
  Path dir;

  static SoSecret pw(String p) {
    return SoSecret.password(p.toCharArray());
  }

  static CkResult refusal(Executable e) {
    return assertThrows(StoreException.class, e::run).result();
  }

  interface Executable {
    void run() throws Exception;
  }

  @Test
  void onlyInitCreatesAHostAndAnUninitialisedHomeStaysUntouched() throws Exception {
    Path home = dir.resolve("host");
    assertEquals(CkResult.CKR_TOKEN_NOT_RECOGNIZED, refusal(() -> HostStore.open(home, CHEAP)));
    assertFalse(Files.exists(home), "nothing created by a refused open");
    Files.createDirectories(home);
    assertEquals(CkResult.CKR_TOKEN_NOT_RECOGNIZED, refusal(() -> HostStore.open(home, CHEAP)));
    try (var files = Files.list(home)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aSealedStoreReadsButNeedsTheSoForKeys() throws Exception {
    Path home = dir.resolve("host");
    Hsm.init(home, "myhsm", pw(PW), CHEAP).destroy();
    HostRecord r = Hsm.record(home);
    assertEquals("myhsm", r.label());
    assertTrue(r.serial() >= 100_000 && r.serial() <= 999_999);
    try (HostStore store = HostStore.open(home, CHEAP)) {
      assertFalse(store.isUnsealed());
      assertEquals(CkResult.CKR_USER_NOT_LOGGED_IN,
          refusal(() -> store.partitions().create("p1", 1000, KeyType.X25519)));
      assertTrue(store.partitions().list().isEmpty());
      store.unseal(Hsm.unseal(home, pw(PW)));
      long serial = store.partitions().create("p1", 1000, KeyType.X25519).serial();
      store.identityKey(serial).destroy();
    }
    try (HostStore store = HostStore.open(home, CHEAP)) {
      long serial = store.partitions().get("p1").serial();
      assertEquals(CkResult.CKR_USER_NOT_LOGGED_IN, refusal(() -> store.identityKey(serial)));
    }
    assertEquals(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, refusal(() -> Hsm.init(home, "again", pw(PW), CHEAP)));
  }

  @Test
  void refusesBadLabelsAndShortPasswords() {
    Path home = dir.resolve("host");
    assertEquals(CkResult.CKR_ARGUMENTS_BAD, refusal(() -> Hsm.init(home, "1abc", pw(PW), CHEAP)));
    assertEquals(CkResult.CKR_ARGUMENTS_BAD, refusal(() -> Hsm.init(home, "a b", pw(PW), CHEAP)));
    assertEquals(CkResult.CKR_PIN_LEN_RANGE, refusal(() -> Hsm.init(home, "ok", pw("short"), CHEAP)));
    assertFalse(Hsm.isInitialized(home));
  }

  @Test
  void wrongPasswordsCountAndTheThirdInARowZeroizes() throws Exception {
    Path home = dir.resolve("host");
    Hsm.init(home, "h", pw(PW), CHEAP).destroy();
    long oldSerial = Hsm.record(home).serial();
    assertEquals(CkResult.CKR_PIN_INCORRECT, refusal(() -> Hsm.unseal(home, pw("wrong-pass-1"))));
    assertEquals(CkResult.CKR_PIN_INCORRECT, refusal(() -> Hsm.unseal(home, pw("wrong-pass-2"))));
    assertEquals(2, Hsm.record(home).failedLogins());
    Hsm.unseal(home, pw(PW)).destroy();
    assertEquals(0, Hsm.record(home).failedLogins(), "a good login resets the count");
    assertEquals(CkResult.CKR_PIN_INCORRECT, refusal(() -> Hsm.unseal(home, pw("wrong-pass-1"))));
    StoreException last = assertThrows(StoreException.class, () -> Hsm.unseal(home, pw("wrong-pass-2")));
    assertTrue(last.getMessage().contains("LAST"), last.getMessage());
    assertEquals(CkResult.CKR_PIN_LOCKED, refusal(() -> Hsm.unseal(home, pw("wrong-pass-3"))));
    assertTrue(Hsm.record(home).zeroized());
    assertFalse(Files.exists(home.resolve("master.key")));
    assertFalse(Files.exists(home.resolve("store")));
    assertEquals(CkResult.CKR_TOKEN_NOT_RECOGNIZED, refusal(() -> Hsm.unseal(home, pw(PW))));
    assertEquals(CkResult.CKR_TOKEN_NOT_RECOGNIZED, refusal(() -> HostStore.open(home, CHEAP)));
    Hsm.init(home, "h2", pw(PW), CHEAP).destroy();
    assertNotEquals(oldSerial, Hsm.record(home).serial());
    try (HostStore store = HostStore.open(home, CHEAP)) {
      assertTrue(store.partitions().list().isEmpty());
    }
  }

  @Test
  void changePasswordNeedsTheOldOneAndRewraps() throws Exception {
    Path home = dir.resolve("host");
    Hsm.init(home, "h", pw(PW), CHEAP).destroy();
    long serial;
    try (HostStore store = HostStore.open(home, CHEAP, true, pw(PW))) {
      serial = store.partitions().create("p1", 1000, KeyType.P256).serial();
    }
    assertEquals(CkResult.CKR_PIN_INCORRECT,
        refusal(() -> Hsm.changePassword(home, "not-the-old".toCharArray(), "new-password".toCharArray(), CHEAP)));
    Hsm.changePassword(home, PW.toCharArray(), "new-password".toCharArray(), CHEAP);
    assertEquals(CkResult.CKR_PIN_INCORRECT, refusal(() -> Hsm.unseal(home, pw(PW))));
    try (HostStore store = HostStore.open(home, CHEAP, true, pw("new-password"))) {
      store.identityKey(serial).destroy();
    }
  }

  @Test
  void zeroizeDestroysEverySecret() throws Exception {
    Path home = dir.resolve("host");
    Path keyFile = dir.resolve("auto.key");
    AutoActivationTest.writeKeyFile(keyFile);
    MasterKey key = Hsm.init(home, "h", pw(PW), CHEAP);
    AutoActivation.enable(home, key, keyFile);
    key.destroy();
    Hsm.zeroize(home);
    try (var files = Files.list(home)) {
      assertEquals(List.of(home.resolve("host.record")), files.toList());
    }
    assertEquals(CkResult.CKR_TOKEN_NOT_RECOGNIZED, refusal(() -> HostStore.open(home, CHEAP)));
    assertFalse(AutoActivation.isEnabled(home));
  }

  @Test
  void aMasterKeyOfAnotherHostIsRefused() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Hsm.init(a, "a", pw(PW), CHEAP).destroy();
    Hsm.init(b, "b", pw(PW), CHEAP).destroy();
    Files.copy(a.resolve("master.key"), b.resolve("master.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    StoreException e = assertThrows(StoreException.class, () -> Hsm.unseal(b, pw(PW)));
    assertTrue(e.getMessage().contains("another host"), e.getMessage());
    assertEquals(0, Hsm.record(b).failedLogins(), "not a password guess");
  }
}
