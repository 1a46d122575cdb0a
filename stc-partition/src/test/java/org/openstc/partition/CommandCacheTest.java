package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CkResult;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.PinHasher;
import org.openstc.partition.store.TestHost;

/**
 * The command service's caches (partition record and activation, loaded keys) never serve what
 * the store no longer holds: a key destroyed on another channel, or by another process's store
 * (here a second {@link HostStore} on the same home: same LMDB, none of this store's listeners),
 * is refused with CKR_KEY_HANDLE_INVALID on the next use; a partition deactivated or deleted
 * elsewhere is refused on the next command.
 */
class CommandCacheTest {
  static final byte[] DATA = {1, 2, 3, 4};
  static final byte[] NO_AAD = new byte[0];
  @TempDir Path home;
  Fixture f;
  HostStore other;
  Session co;

  @BeforeEach
  void setUp() throws Exception {
    f = Fixture.create(home, 1_000_000);
    f.initialized();
    co = f.loggedIn(Role.CO);
    other = TestHost.open(home, new PinHasher(64, 1), false);
  }

  @AfterEach
  void tearDown() {
    other.close();
    f.close();
  }

  long generate(ObjectType type) throws Exception {
    return ObjectBodies.decodeU32(f.ok(co, Requests.generate(f.id(), type, "k")));
  }

  @Test
  void aKeyDestroyedOnAnotherChannelIsNotUsedFromTheCache() throws Exception {
    long aes = generate(ObjectType.AES256);
    byte[] ct = f.ok(co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    Session cu = f.loggedIn(Role.CU);
    assertArrayEquals(DATA, f.ok(cu, Requests.decrypt(f.id(), aes, ct, NO_AAD)));
    f.ok(f.loggedIn(Role.CO), Requests.destroy(f.id(), aes));
    f.expect(CkResult.CKR_KEY_HANDLE_INVALID, co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    f.expect(CkResult.CKR_KEY_HANDLE_INVALID, cu, Requests.decrypt(f.id(), aes, ct, NO_AAD));
  }

  @Test
  void aKeyDestroyedByAnotherProcessIsNotUsedFromTheCache() throws Exception {
    long ec = generate(ObjectType.EC_P256);
    long ed = generate(ObjectType.ED25519);
    byte[] digest = new byte[32];
    f.ok(co, Requests.signDigest(f.id(), ec, digest));
    f.ok(co, Requests.sign(f.id(), ed, digest));
    other.objects().destroy(f.serial, ec);
    f.expect(CkResult.CKR_KEY_HANDLE_INVALID, co, Requests.signDigest(f.id(), ec, digest));
    f.ok(co, Requests.sign(f.id(), ed, digest)); // the other key is read again and still served
    other.objects().destroy(f.serial, ed);
    f.expect(CkResult.CKR_KEY_HANDLE_INVALID, co, Requests.sign(f.id(), ed, digest));
    f.expect(CkResult.CKR_OBJECT_HANDLE_INVALID, co, Requests.objectInfo(f.id(), ed));
  }

  @Test
  void aPartitionDeactivatedByAnotherProcessRefusesTheNextCommand() throws Exception {
    long aes = generate(ObjectType.AES256);
    f.ok(co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    other.policies().deactivate(f.serial);
    var refused = f.expect(CkResult.CKR_TOKEN_NOT_PRESENT, co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    assertTrue(refused.message().contains("deactivated"), refused.message());
    f.expect(CkResult.CKR_TOKEN_NOT_PRESENT, co, Requests.partitionInfo(f.id()));
    other.policies().activate(f.serial);
    f.ok(co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
  }

  @Test
  void aPartitionDeletedByAnotherProcessRefusesTheNextCommand() throws Exception {
    long aes = generate(ObjectType.AES256);
    f.ok(co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    other.partitions().delete("part1");
    var r = f.call(co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    assertTrue(r.result() != CkResult.CKR_OK, r.toString());
    assertTrue(r.message().contains("no partition has serial"), r.message());
  }

  @Test
  void aReinitializedPartitionServesNoneOfItsOldKeys() throws Exception {
    long aes = generate(ObjectType.AES256);
    f.ok(co, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    f.store.roles().initialize(f.serial, "again", Fixture.SO_PIN, true);
    Session po = f.loggedIn(Role.PO);
    f.ok(po, Requests.initPin(f.id(), Role.CO, Fixture.CO_PIN));
    Session co2 = f.loggedIn(Role.CO);
    f.expect(CkResult.CKR_KEY_HANDLE_INVALID, co2, Requests.encrypt(f.id(), aes, DATA, NO_AAD));
    assertEquals("again", org.openstc.command.PartitionInfo.decode(
        f.ok(co2, Requests.partitionInfo(f.id()))).label());
  }
}
