package org.openstc.partition.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies.Entry;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.internal.WireWriter;

/** The object record: the creation time round-trips, older records read as created at 0, damage is refused. */
class StoredObjectTest {
  @Test
  void roundTripsWithItsCreationTime() throws Exception {
    StoredObject o = new StoredObject(new Entry(7, ObjectType.CERTIFICATE, "web", 3), new byte[] {1, 2, 3}, 1234567L);
    StoredObject back = StoredObject.decode(7, o.encode());
    assertEquals(o.entry(), back.entry());
    assertArrayEquals(o.sealed(), back.sealed());
    assertEquals(1234567L, back.createdMillis());
  }

  @Test
  void aRecordFromBeforeTheCreationTimeReadsAsZero() throws Exception {
    byte[] old = new WireWriter().u8(1).string("k").bytes(new byte[] {9}).toByteArray();
    StoredObject o = StoredObject.decode(3, old);
    assertEquals(0, o.createdMillis());
    assertEquals(ObjectType.AES256, o.entry().type());
  }

  @Test
  void aDamagedRecordIsRefused() throws Exception {
    byte[] full = new StoredObject(new Entry(1, ObjectType.DATA, "d", 1), new byte[] {5}, 99).encode();
    for (int cut = 1; cut < 8; cut++) {
      byte[] truncated = Arrays.copyOf(full, full.length - cut);
      StoreException e = assertThrows(StoreException.class, () -> StoredObject.decode(1, truncated));
      assertEquals(CkResult.CKR_DEVICE_ERROR, e.result());
    }
    byte[] unknownType = full.clone();
    unknownType[0] = 9;
    assertThrows(StoreException.class, () -> StoredObject.decode(1, unknownType));
  }
}
