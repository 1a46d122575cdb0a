package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.command.CkResult.CKR_DEVICE_MEMORY;
import static org.openstc.command.CkResult.CKR_ENCRYPTED_DATA_INVALID;
import static org.openstc.command.CkResult.CKR_KEY_FUNCTION_NOT_PERMITTED;
import static org.openstc.command.CkResult.CKR_KEY_HANDLE_INVALID;
import static org.openstc.command.CkResult.CKR_OBJECT_HANDLE_INVALID;
import static org.openstc.command.CkResult.CKR_SIGNATURE_INVALID;
import static org.openstc.command.CkResult.CKR_USER_NOT_LOGGED_IN;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CommandResponse;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Requests;
import org.openstc.command.Role;

class ObjectCommandsTest {
  @TempDir
  Path home;
  Fixture f;

  @AfterEach
  void tearDown() {
    f.close();
  }

  private long generate(Session s, ObjectType type, String label) throws Exception {
    return ObjectBodies.decodeU32(f.ok(s, Requests.generate(f.id(), type, label)));
  }

  @Test
  void generateUseListDestroy() throws Exception {
    f = Fixture.create(home, 100_000);
    f.initialized();
    Session co = f.loggedIn(Role.CO);
    Session cu = f.loggedIn(Role.CU);
    long aes = generate(co, ObjectType.AES256, "aes");
    long ec = generate(co, ObjectType.EC_P256, "ec");
    long ed = generate(co, ObjectType.ED25519, "ed");
    byte[] ct = f.ok(cu, Requests.encrypt(f.id(), aes, new byte[] {1, 2}, new byte[] {7}));
    assertArrayEquals(new byte[] {1, 2}, f.ok(co, Requests.decrypt(f.id(), aes, ct, new byte[] {7})));
    f.expect(CKR_ENCRYPTED_DATA_INVALID, cu, Requests.decrypt(f.id(), aes, ct, new byte[] {8}));
    for (long h : new long[] {ec, ed}) {
      byte[] sig = f.ok(cu, Requests.sign(f.id(), h, new byte[] {5}));
      f.ok(co, Requests.verify(f.id(), h, new byte[] {5}, sig));
      f.expect(CKR_SIGNATURE_INVALID, cu, Requests.verify(f.id(), h, new byte[] {6}, sig));
      assertTrue(f.ok(cu, Requests.publicKey(f.id(), h)).length > 32);
    }
    f.expect(CKR_KEY_FUNCTION_NOT_PERMITTED, cu, Requests.sign(f.id(), aes, new byte[] {5}));
    f.expect(CKR_KEY_FUNCTION_NOT_PERMITTED, cu, Requests.encrypt(f.id(), ed, new byte[] {5}, new byte[0]));
    List<ObjectBodies.Entry> list = ObjectBodies.decodeList(f.ok(cu, Requests.listObjects(f.id())));
    assertEquals(List.of("aes", "ec", "ed"), list.stream().map(ObjectBodies.Entry::label).toList());
    PartitionInfo info = PartitionInfo.decode(f.ok(cu, Requests.partitionInfo(f.id())));
    assertEquals(list.stream().mapToLong(ObjectBodies.Entry::storedBytes).sum() + 2392, info.usedBytes());
    f.expect(CKR_USER_NOT_LOGGED_IN, cu, Requests.destroy(f.id(), aes));
    f.ok(co, Requests.destroy(f.id(), aes));
    f.expect(CKR_OBJECT_HANDLE_INVALID, co, Requests.destroy(f.id(), aes));
    f.expect(CKR_KEY_HANDLE_INVALID, cu, Requests.encrypt(f.id(), aes, new byte[] {1}, new byte[0]));
    assertEquals(2, PartitionInfo.decode(f.ok(cu, Requests.partitionInfo(f.id()))).objects());
  }

  @Test
  void roleRefusals() throws Exception {
    f = Fixture.create(home, 100_000);
    Session s = f.initialized();
    long h = generate(f.loggedIn(Role.CO), ObjectType.AES256, "k");
    f.expect(CKR_USER_NOT_LOGGED_IN, f.loggedIn(Role.CU), Requests.generate(f.id(), ObjectType.AES256, "k"));
    f.expect(CKR_USER_NOT_LOGGED_IN, f.loggedIn(Role.PO), Requests.generate(f.id(), ObjectType.AES256, "k"));
    f.expect(CKR_USER_NOT_LOGGED_IN, f.loggedIn(Role.PO), Requests.encrypt(f.id(), h, new byte[1], new byte[0]));
    f.expect(CKR_USER_NOT_LOGGED_IN, s, Requests.listObjects(f.id()));
    f.expect(CKR_USER_NOT_LOGGED_IN, s, Requests.sign(f.id(), h, new byte[1]));
  }

  @Test
  void anObjectThatDoesNotFitIsRefusedAndNothingIsWritten() throws Exception {
    f = Fixture.create(home, 2392 + 200);
    f.initialized();
    Session co = f.loggedIn(Role.CO);
    generate(co, ObjectType.AES256, "fits");
    PartitionInfo before = PartitionInfo.decode(f.ok(co, Requests.partitionInfo(f.id())));
    CommandResponse r = f.expect(CKR_DEVICE_MEMORY, co, Requests.generate(f.id(), ObjectType.EC_P256, "big"));
    assertTrue(r.message().contains(before.freeBytes() + " bytes are free"), r.message());
    assertEquals(before, PartitionInfo.decode(f.ok(co, Requests.partitionInfo(f.id()))));
    assertEquals(1, ObjectBodies.decodeList(f.ok(co, Requests.listObjects(f.id()))).size());
  }
}
