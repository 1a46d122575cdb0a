package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.partition.store.StoreException;

/**
 * docs/protocol.md 33 (issue 11 §4): a session whose partition was deleted, even one the host has
 * not closed yet, gets no command served and writes nothing to the store.
 */
class DeletedPartitionTest {
  @TempDir Path home;
  Fixture f;

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void commandsOfADeletedPartitionFailAndWriteNothing() throws Exception {
    f = Fixture.create(home, 100_000);
    f.initialized();
    Session co = f.loggedIn(Role.CO);
    f.store.partitions().delete("part1");
    for (var request : new org.openstc.command.CommandRequest[] {
        Requests.generate(f.id(), ObjectType.AES256, "after"), Requests.listObjects(f.id()),
        Requests.partitionInfo(f.id()), Requests.logout(f.id())}) {
      assertNotEquals(CkResult.CKR_OK, f.call(co, request).result(), request.toString());
    }
    StoreException e = assertThrows(StoreException.class, () -> f.store.objects().list(f.serial));
    assertEquals(true, e.isNotFound());
    assertEquals(0, f.store.partitions().list().size());
  }
}
