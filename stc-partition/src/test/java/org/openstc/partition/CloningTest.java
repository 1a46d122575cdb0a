package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.command.CkResult.CKR_ACTION_PROHIBITED;
import static org.openstc.command.CkResult.CKR_ARGUMENTS_BAD;
import static org.openstc.command.CkResult.CKR_ENCRYPTED_DATA_INVALID;
import static org.openstc.command.CkResult.CKR_USER_NOT_LOGGED_IN;

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
import org.openstc.partition.store.Policy;

/** OBJECT_EXPORT / OBJECT_IMPORT_WRAPPED between two hosts: same domain, policies 0/4/7/16. */
class CloningTest {
  private static final byte[] DOMAIN = Fixture.pin("red-domain-secret-0001");
  @TempDir Path dir;
  Fixture a;
  Fixture b;

  @BeforeEach
  void twoHostsOneDomain() throws Exception {
    a = Fixture.create(dir.resolve("a"), 100_000);
    b = Fixture.create(dir.resolve("b"), 100_000);
    for (Fixture f : new Fixture[] {a, b}) {
      f.initialized();
      f.store.policies().changeHsm(Policy.ALLOW_NETWORK_REPLICATION.code(), 1);
      f.ok(f.loggedIn(Role.PO), Requests.cloningDomainSet(f.id(), DOMAIN));
    }
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  private byte[] export(Fixture f, long handle) throws Exception {
    return f.ok(f.loggedIn(Role.CO), Requests.objectExport(f.id(), handle));
  }

  private long generate(Fixture f, ObjectType type, String label) throws Exception {
    return ObjectBodies.decodeU32(f.ok(f.loggedIn(Role.CO), Requests.generate(f.id(), type, label)));
  }

  @Test
  void aKeyClonedToTheOtherHostIsTheSameKey() throws Exception {
    long aes = generate(a, ObjectType.AES256, "shared-aes");
    long ed = generate(a, ObjectType.ED25519, "shared-ed");
    Session bco = b.loggedIn(Role.CO);
    long aesB = ObjectBodies.decodeU32(b.ok(bco, Requests.objectImportWrapped(b.id(), export(a, aes))));
    long edB = ObjectBodies.decodeU32(b.ok(bco, Requests.objectImportWrapped(b.id(), export(a, ed))));
    byte[] ct = a.ok(a.loggedIn(Role.CO), Requests.encrypt(a.id(), aes, new byte[] {1, 2, 3}, new byte[] {9}));
    assertArrayEquals(new byte[] {1, 2, 3}, b.ok(bco, Requests.decrypt(b.id(), aesB, ct, new byte[] {9})));
    byte[] sig = b.ok(bco, Requests.sign(b.id(), edB, new byte[] {4}));
    a.ok(a.loggedIn(Role.CO), Requests.verify(a.id(), ed, new byte[] {4}, sig));
    assertTrue(ObjectBodies.decodeList(b.ok(bco, Requests.listObjects(b.id()))).stream()
        .anyMatch(e -> e.label().equals("shared-ed") && e.type() == ObjectType.ED25519));
  }

  @Test
  void anotherDomainIsRefused() throws Exception {
    b.ok(b.loggedIn(Role.PO), Requests.cloningDomainSet(b.id(), Fixture.pin("another-domain-secret")));
    byte[] wrapped = export(a, generate(a, ObjectType.AES256, "k"));
    b.expect(CKR_ACTION_PROHIBITED, b.loggedIn(Role.CO), Requests.objectImportWrapped(b.id(), wrapped));
  }

  @Test
  void alteredLabelOrBlobDoesNotAuthenticate() throws Exception {
    byte[] wrapped = export(a, generate(a, ObjectType.AES256, "k1"));
    byte[] relabelled = wrapped.clone();
    relabelled[1 + 4 + 16 + 1 + 2 + 1] ^= 1; // format, id length, id, type, label length, 2nd char
    b.expect(CKR_ENCRYPTED_DATA_INVALID, b.loggedIn(Role.CO), Requests.objectImportWrapped(b.id(), relabelled));
    byte[] flipped = wrapped.clone();
    flipped[flipped.length - 1] ^= 1;
    b.expect(CKR_ENCRYPTED_DATA_INVALID, b.loggedIn(Role.CO), Requests.objectImportWrapped(b.id(), flipped));
    byte[] truncated = java.util.Arrays.copyOf(wrapped, wrapped.length - 5);
    b.expect(CKR_ARGUMENTS_BAD, b.loggedIn(Role.CO), Requests.objectImportWrapped(b.id(), truncated));
  }

  @Test
  void policiesAndRolesAreHonoured() throws Exception {
    long aes = generate(a, ObjectType.AES256, "k");
    long ec = generate(a, ObjectType.EC_P256, "ec");
    a.store.policies().changePartition(a.serial, Policy.ALLOW_SECRET_KEY_CLONING.code(), 0);
    a.expect(CKR_ACTION_PROHIBITED, a.loggedIn(Role.CO), Requests.objectExport(a.id(), aes));
    export(a, ec); // policy 4 does not cover private keys
    a.store.policies().changePartition(a.serial, Policy.ALLOW_PRIVATE_KEY_CLONING.code(), 0);
    a.expect(CKR_ACTION_PROHIBITED, a.loggedIn(Role.CO), Requests.objectExport(a.id(), ec));
    a.store.policies().changePartition(a.serial, Policy.ALLOW_SECRET_KEY_CLONING.code(), 1);
    byte[] wrapped = export(a, aes);
    b.store.policies().changeHsm(Policy.ALLOW_NETWORK_REPLICATION.code(), 0);
    b.expect(CKR_ACTION_PROHIBITED, b.loggedIn(Role.CO), Requests.objectImportWrapped(b.id(), wrapped));
    b.expect(CKR_USER_NOT_LOGGED_IN, b.loggedIn(Role.CU), Requests.objectImportWrapped(b.id(), wrapped));
    a.expect(CKR_USER_NOT_LOGGED_IN, a.loggedIn(Role.CU), Requests.objectExport(a.id(), aes));
  }

  @Test
  void noDomainNoExport() throws Exception {
    Fixture c = Fixture.create(dir.resolve("c"), 100_000);
    try {
      c.initialized();
      c.store.policies().changeHsm(Policy.ALLOW_NETWORK_REPLICATION.code(), 1);
      long k = generate(c, ObjectType.AES256, "k");
      CkResult r = c.call(c.loggedIn(Role.CO), Requests.objectExport(c.id(), k)).result();
      org.junit.jupiter.api.Assertions.assertEquals(CKR_ACTION_PROHIBITED, r);
      c.expect(CKR_USER_NOT_LOGGED_IN, c.loggedIn(Role.CO), Requests.cloningDomainSet(c.id(), DOMAIN));
    } finally {
      c.close();
    }
  }
}
