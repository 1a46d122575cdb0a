package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.partition.store.Refusals.refused;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.stc.KeyType;

/** HSM and partition policies: vendor numbers, defaults, refusals, persistence, destruction. */
class PoliciesTest {
  @TempDir Path home;
  HostStore store;
  long serial;

  @BeforeEach
  void open() throws Exception {
    store = TestHost.open(home, new PinHasher(64, 1), false);
    serial = store.partitions().create("p1", 100_000, KeyType.X25519).serial();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void defaultsCarryTheVendorNumbers() throws Exception {
    PolicyValues hsm = store.policies().hsm();
    assertEquals(1, hsm.value(Policy.ALLOW_CLONING));
    assertEquals(0, hsm.value(Policy.ALLOW_NETWORK_REPLICATION));
    assertEquals(1, hsm.value(Policy.ALLOW_STC));
    assertEquals(List.of(7, 16, 39), Policy.of(Policy.Scope.HSM).stream().map(Policy::code).toList());
    assertEquals(List.of(0, 4, 22, 23, 37), Policy.of(Policy.Scope.PARTITION).stream().map(Policy::code).toList());
    assertFalse(store.policies().forcesStc(serial));
    assertTrue(store.policies().isActivated(serial));
  }

  @Test
  void changesPersistAcrossReopen() throws Exception {
    store.policies().changeHsm(16, 1);
    store.policies().changePartition(serial, 37, 1);
    store.policies().changePartition(serial, 0, 0);
    store.policies().setForceSoLogin(true);
    store.close();
    store = TestHost.open(home, new PinHasher(64, 1), false);
    assertEquals(1, store.policies().hsm().value(Policy.ALLOW_NETWORK_REPLICATION));
    assertTrue(store.policies().forcesStc(serial));
    assertEquals(0, store.policies().partition(serial).value(Policy.ALLOW_PRIVATE_KEY_CLONING));
    assertTrue(store.policies().forceSoLogin());
  }

  @Test
  void unknownPoliciesValuesAndPartitionsAreRefused() throws Exception {
    refused(CkResult.CKR_ARGUMENTS_BAD, "no HSM policy 8", () -> store.policies().changeHsm(8, 1));
    refused(CkResult.CKR_ARGUMENTS_BAD, "0 (off) or 1 (on), not 2", () -> store.policies().changeHsm(16, 2));
    refused(CkResult.CKR_ARGUMENTS_BAD, "not -1", () -> store.policies().changePartition(serial, 22, -1));
    refused(CkResult.CKR_ARGUMENTS_BAD, "no partition policy 39", () -> store.policies().changePartition(serial, 39, 1));
    StoreException e = assertThrows(StoreException.class, () -> store.policies().changePartition(serial + 1, 22, 1));
    assertTrue(e.isNotFound());
  }

  @Test
  void forceStcNeedsHsmPolicy39AndHoldsIt() throws Exception {
    store.policies().changePartition(serial, 37, 1);
    refused(CkResult.CKR_ACTION_PROHIBITED, "forces STC", () -> store.policies().changeHsm(39, 0));
    store.policies().changePartition(serial, 37, 0);
    store.policies().changeHsm(39, 0);
    refused(CkResult.CKR_ACTION_PROHIBITED, "needs HSM policy 39", () -> store.policies().changePartition(serial, 37, 1));
    assertFalse(store.policies().forcesStc(serial));
  }

  @Test
  void aDestructiveHsmPolicyDestroysEveryPartitionAndAnOtherDoesNot() throws Exception {
    store.partitions().create("p2", 100_000, KeyType.X25519);
    assertEquals(List.of(), store.policies().zeroizeIfDestructive(store.policies().changeHsm(16, 1)));
    assertEquals(2, store.partitions().list().size());
    Policy p = store.policies().changeHsm(7, 0);
    assertEquals(List.of("p1", "p2"), store.policies().zeroizeIfDestructive(p));
    assertEquals(0, store.partitions().list().size());
  }

  @Test
  void aDamagedPolicyRecordIsAStoreErrorNotACrash() throws Exception {
    assertThrows(StoreException.class, () -> PolicyValues.decode(new byte[] {1, 1, 0, 9}));
    assertThrows(StoreException.class, () -> PolicyValues.decode(new byte[] {2}));
    assertThrows(StoreException.class, () -> PolicyValues.decode(new byte[0]));
    byte[] ok = PolicyValues.defaults().with(Policy.FORCE_STC, 1).encode();
    assertEquals(1, PolicyValues.decode(ok).value(Policy.FORCE_STC));
    byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
    assertThrows(StoreException.class, () -> PolicyValues.decode(longer));
  }
}
