package org.openstc.partition.store;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.partition.store.Refusals.refused;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;

/** Administrator accounts: rules that keep the host administrable, hashing, lockout, unlock. */
class AccountsTest {
  static final byte[] PW = "admin-pass-1".getBytes(US_ASCII);
  @TempDir Path home;
  HostStore store;
  Accounts accounts;

  @BeforeEach
  void open() throws Exception {
    store = TestHost.open(home, new PinHasher(64, 1), false);
    accounts = store.accounts();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theFirstAccountMustBeAnAdminAndTheLastAdminStays() throws Exception {
    assertTrue(accounts.singleAdminMode());
    refused(CkResult.CKR_ACTION_PROHIBITED, "first account", () -> accounts.add("mon", AdminRole.MONITOR, PW));
    accounts.add("root_1", AdminRole.ADMIN, PW);
    accounts.add("mon", AdminRole.MONITOR, PW);
    assertFalse(accounts.singleAdminMode());
    refused(CkResult.CKR_ATTRIBUTE_VALUE_INVALID, "already exists", () -> accounts.add("mon", AdminRole.ADMIN, PW));
    refused(CkResult.CKR_ACTION_PROHIBITED, "last admin", () -> accounts.delete("root_1"));
    accounts.delete("mon");
    accounts.delete("root_1");
    assertTrue(accounts.singleAdminMode());
  }

  @Test
  void badNamesAndPasswordsAreRefused() throws Exception {
    for (String bad : new String[] {"", "1abc", "-abc", ".abc", "a b", "a".repeat(33), "é"}) {
      refused(CkResult.CKR_ARGUMENTS_BAD, "user names", () -> accounts.add(bad, AdminRole.ADMIN, PW));
    }
    refused(CkResult.CKR_PIN_LEN_RANGE, "8..64", () -> accounts.add("a", AdminRole.ADMIN, "short".getBytes(US_ASCII)));
    refused(CkResult.CKR_PIN_INVALID, "printable", () -> accounts.add("a", AdminRole.ADMIN, "pass\tword".getBytes(US_ASCII)));
    assertTrue(accounts.singleAdminMode());
  }

  @Test
  void wrongPasswordsLockAfterTheLimitAndAnUnlockClearsIt() throws Exception {
    accounts.add("admin", AdminRole.ADMIN, PW);
    byte[] wrong = "wrong-pass-1".getBytes(US_ASCII);
    for (int i = 1; i < Accounts.MAX_FAILURES; i++) {
      refused(CkResult.CKR_PIN_INCORRECT, (Accounts.MAX_FAILURES - i) + " attempts left", () -> accounts.login("admin", wrong));
    }
    refused(CkResult.CKR_PIN_INCORRECT, "0 attempts left", () -> accounts.login("admin", wrong));
    refused(CkResult.CKR_PIN_LOCKED, "user unlock", () -> accounts.login("admin", PW));
    assertTrue(accounts.find("admin").orElseThrow().locked());
    accounts.unlock("admin");
    assertEquals(AdminRole.ADMIN, accounts.login("admin", PW).role());
    refused(CkResult.CKR_PIN_INCORRECT, "login incorrect", () -> accounts.login("nobody", PW));
  }

  @Test
  void aGoodLoginResetsTheCountAndANewPasswordReplacesTheOld() throws Exception {
    accounts.add("admin", AdminRole.ADMIN, PW);
    assertThrows(StoreException.class, () -> accounts.login("admin", "wrong-pass-1".getBytes(US_ASCII)));
    accounts.login("admin", PW);
    assertEquals(0, accounts.find("admin").orElseThrow().failures());
    byte[] next = "second-pass-2".getBytes(US_ASCII);
    accounts.setPassword("admin", next);
    assertThrows(StoreException.class, () -> accounts.login("admin", PW));
    accounts.login("admin", next);
  }

  @Test
  void passwordsAreNeverStoredInClear() throws Exception {
    byte[] pw = "Cleartext-Marker-77".getBytes(US_ASCII);
    accounts.add("admin", AdminRole.ADMIN, pw);
    store.close();
    try (var files = Files.walk(home)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(f), US_ASCII);
        assertFalse(content.contains("Cleartext-Marker-77"), f.toString());
      }
    }
    store = TestHost.open(home, new PinHasher(64, 1), false);
    accounts = store.accounts();
  }
}
