package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.Requests;
import org.openstc.partition.store.StoreException;

/**
 * Partition activation (docs/protocol.md 27-28, docs/partition-host.md "Policies and activation"):
 * a deactivated partition refuses every command of an open session but ECHO with
 * CKR_TOKEN_NOT_PRESENT, from the next command on; activation is refused while policy 22 is off;
 * a host start deactivates the partitions whose policy 23 is off.
 */
class ActivationTest {
  @TempDir Path home;
  Fixture f;

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void anOpenSessionIsRefusedWhileDeactivatedAndServedAgainAfterActivation() throws Exception {
    f = Fixture.create(home, 100_000);
    Session s = f.session();
    f.ok(s, Requests.partitionInfo(f.id()));
    f.store.policies().deactivate(f.serial);
    var refused = f.expect(CkResult.CKR_TOKEN_NOT_PRESENT, s, Requests.partitionInfo(f.id()));
    assertTrue(refused.message().contains("deactivated"), refused.message());
    f.expect(CkResult.CKR_TOKEN_NOT_PRESENT, s, Requests.random(f.id(), 8));
    f.ok(s, Requests.echo(f.id(), new byte[] {1, 2}));
    f.store.policies().activate(f.serial);
    f.ok(s, Requests.partitionInfo(f.id()));
  }

  @Test
  void policy22OffRefusesActivation() throws Exception {
    f = Fixture.create(home, 100_000);
    f.store.policies().deactivate(f.serial);
    f.store.policies().changePartition(f.serial, 22, 0);
    StoreException e = assertThrows(StoreException.class, () -> f.store.policies().activate(f.serial));
    assertEquals(CkResult.CKR_ACTION_PROHIBITED, e.result());
    assertTrue(e.getMessage().contains("policy 22"), e.getMessage());
    assertFalse(f.store.policies().isActivated(f.serial));
    f.store.policies().changePartition(f.serial, 22, 1);
    f.store.policies().activate(f.serial);
    assertTrue(f.store.policies().isActivated(f.serial));
  }

  @Test
  void aHostStartKeepsActivationOnlyWithPolicy23() throws Exception {
    f = Fixture.create(home, 100_000);
    assertTrue(f.store.policies().autoActivates(f.serial));
    assertEquals(List.of(), f.store.policies().hostStarted());
    assertTrue(f.store.policies().isActivated(f.serial));
    f.store.policies().changePartition(f.serial, 23, 0);
    assertFalse(f.store.policies().autoActivates(f.serial));
    assertEquals(List.of("part1"), f.store.policies().hostStarted());
    f.expect(CkResult.CKR_TOKEN_NOT_PRESENT, f.session(), Requests.partitionInfo(f.id()));
  }

  @Test
  void aDeletedAndRecreatedPartitionStartsWithDefaultPoliciesActivated() throws Exception {
    f = Fixture.create(home, 100_000);
    f.store.policies().changePartition(f.serial, 22, 0);
    f.store.policies().deactivate(f.serial);
    f.store.partitions().delete("part1");
    long again = f.store.partitions().create("part1", 100_000, org.openstc.stc.KeyType.X25519).serial();
    assertTrue(f.store.policies().isActivated(again));
    assertEquals(1, f.store.policies().partition(again).value(
        org.openstc.partition.store.Policy.ALLOW_ACTIVATION));
  }
}
