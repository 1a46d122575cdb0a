package org.openstc.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openstc.command.CkResult.CKR_ARGUMENTS_BAD;
import static org.openstc.command.CkResult.CKR_ATTRIBUTE_SENSITIVE;
import static org.openstc.command.CkResult.CKR_ATTRIBUTE_VALUE_INVALID;
import static org.openstc.command.CkResult.CKR_ENCRYPTED_DATA_INVALID;
import static org.openstc.command.CkResult.CKR_KEY_FUNCTION_NOT_PERMITTED;
import static org.openstc.command.CkResult.CKR_KEY_TYPE_INCONSISTENT;
import static org.openstc.command.CkResult.CKR_OBJECT_HANDLE_INVALID;
import static org.openstc.command.CkResult.CKR_USER_NOT_LOGGED_IN;

import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.command.CryptoBodies.Gcm;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.Info;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Requests;
import org.openstc.command.Role;
import org.openstc.crypto.internal.EcdsaSignatures;

/** OBJECT_INFO, ENCRYPT_GCM/DECRYPT_GCM, SIGN_DIGEST, OBJECT_IMPORT, OBJECT_CREATE, OBJECT_VALUE. */
class ObjectExtensionTest {
  static final byte[] CERT = Base64.getDecoder().decode("MIIBhTCCASugAwIBAgIULK4a4cQcR2l+9z7aDOzw114FRM0wCgYIKoZIzj0EAwIwFzEVMBMGA1UEAwwMb3BlbnN0Yy10ZXN0MCAXDTI2MTIwMjAxNTkwM1oYDzIxMjYxMTA4MDE1OTAzWjAXMRUwEwYDVQQDDAxvcGVuc3RjLXRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQbcX6eAi1Y8N5btN6Ge2dnQOXwmnuKirLe7g6QotiqJNbDO7B1GhsvYaJydE6d62a6Zi4n+RGFObqG7PlO0pA3o1MwUTAdBgNVHQ4EFgQUi8DbwRPOSoTHAnoJlnuZSgLvPcMwHwYDVR0jBBgwFoAUi8DbwRPOSoTHAnoJlnuZSgLvPcMwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEA7BRLI8VxxpYEF9+ZLvoYCYuna6oVmrT8EY4h2p5hyZcCIBcito19Esp5FKEuLhKHxeb3aprSn1gFIykzEp5AzwVZ");
  static final byte[] KEY = new byte[32];

  @TempDir
  Path home;
  Fixture f;
  Session co;
  Session cu;

  @BeforeEach
  void setUp() throws Exception {
    Arrays.fill(KEY, (byte) 7);
    f = Fixture.create(home, 1_000_000);
    f.initialized();
    co = f.loggedIn(Role.CO);
    cu = f.loggedIn(Role.CU);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private long handle(byte[] body) throws Exception {
    return ObjectBodies.decodeU32(body);
  }

  private long generate(ObjectType type, String label) throws Exception {
    return handle(f.ok(co, Requests.generate(f.id(), type, label)));
  }

  @Test
  void rawGcmOfAnImportedKeyIsPlainSp80038d() throws Exception {
    long h = handle(f.ok(co, Requests.importAesKey(f.id(), "imported", KEY.clone())));
    byte[] iv = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    byte[] ct = f.ok(cu, Requests.encryptGcm(f.id(), new Gcm(h, iv, "hello".getBytes(), new byte[] {9}, 16)));
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, iv));
    jdk.updateAAD(new byte[] {9});
    assertArrayEquals("hello".getBytes(), jdk.doFinal(ct));
    assertArrayEquals("hello".getBytes(), f.ok(cu, Requests.decryptGcm(f.id(), new Gcm(h, iv, ct, new byte[] {9}, 16))));
    byte[] shortTag = f.ok(cu, Requests.encryptGcm(f.id(), new Gcm(h, new byte[1], new byte[0], new byte[0], 12)));
    assertEquals(12, shortTag.length);
    ct[ct.length - 1] ^= 1;
    f.expect(CKR_ENCRYPTED_DATA_INVALID, cu, Requests.decryptGcm(f.id(), new Gcm(h, iv, ct, new byte[] {9}, 16)));
    f.expect(CKR_ENCRYPTED_DATA_INVALID, cu, Requests.decryptGcm(f.id(), new Gcm(h, iv, new byte[3], new byte[0], 16)));
    Info info = Info.decode(f.ok(cu, Requests.objectInfo(f.id(), h)));
    assertEquals(ObjectType.AES256, info.type());
    assertEquals(32, info.valueLength());
    assertEquals(0, info.publicKeySpki().length);
    assertTrue(info.createdMillis() > 0);
    // The imported key also serves the Tink-format ENCRYPT.
    byte[] tink = f.ok(cu, Requests.encrypt(f.id(), h, new byte[] {1}, new byte[0]));
    assertArrayEquals(new byte[] {1}, f.ok(cu, Requests.decrypt(f.id(), h, tink, new byte[0])));
  }

  @Test
  void gcmFieldsOutOfRangeAreRefused() throws Exception {
    long h = generate(ObjectType.AES256, "aes");
    byte[] iv = new byte[12];
    f.expect(CKR_ARGUMENTS_BAD, cu, Requests.encryptGcm(f.id(), new Gcm(h, new byte[0], new byte[1], new byte[0], 16)));
    f.expect(CKR_ARGUMENTS_BAD, cu, Requests.encryptGcm(f.id(), new Gcm(h, new byte[129], new byte[1], new byte[0], 16)));
    f.expect(CKR_ARGUMENTS_BAD, cu, Requests.encryptGcm(f.id(), new Gcm(h, iv, new byte[1], new byte[0], 11)));
    f.expect(CKR_ARGUMENTS_BAD, cu, Requests.encryptGcm(f.id(), new Gcm(h, iv, new byte[1], new byte[0], 17)));
    f.expect(CKR_ARGUMENTS_BAD, cu, Requests.encryptGcm(f.id(), new Gcm(h, iv, new byte[65537], new byte[0], 16)));
    f.expect(CKR_ARGUMENTS_BAD, cu, Requests.decryptGcm(f.id(), new Gcm(h, iv, new byte[65536 + 13], new byte[0], 12)));
    f.expect(CKR_ARGUMENTS_BAD, cu, Requests.encryptGcm(f.id(), new Gcm(h, iv, new byte[1], new byte[65537], 16)));
    long ec = generate(ObjectType.EC_P256, "ec");
    f.expect(CKR_KEY_FUNCTION_NOT_PERMITTED, cu, Requests.encryptGcm(f.id(), new Gcm(ec, iv, new byte[1], new byte[0], 16)));
  }

  @Test
  void signDigestIsEcdsaOverTheDigestAsGiven() throws Exception {
    long ec = generate(ObjectType.EC_P256, "ec");
    Info info = Info.decode(f.ok(cu, Requests.objectInfo(f.id(), ec)));
    PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(info.publicKeySpki()));
    byte[] data = "message".getBytes();
    byte[] raw = f.ok(cu, Requests.signDigest(f.id(), ec, MessageDigest.getInstance("SHA-256").digest(data)));
    assertEquals(64, raw.length);
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(pub);
    v.update(data);
    assertTrue(v.verify(EcdsaSignatures.rawToDer(raw)));
    // OBJECT_INFO's key id is the one in SIGN's Tink prefix.
    byte[] tink = f.ok(cu, Requests.sign(f.id(), ec, data));
    assertEquals(info.keyId(), java.nio.ByteBuffer.wrap(tink, 1, 4).getInt() & 0xffffffffL);
    f.expect(CKR_ARGUMENTS_BAD, cu, Requests.signDigest(f.id(), ec, new byte[0]));
    f.expect(CKR_ARGUMENTS_BAD, cu, Requests.signDigest(f.id(), ec, new byte[65]));
    // A 64-byte digest is truncated to its leftmost 32 bytes, as ECDSA specifies.
    byte[] longDigest = new byte[64];
    Arrays.fill(longDigest, 0, 32, (byte) 0x5a);
    Signature none = Signature.getInstance("NONEwithECDSA");
    none.initVerify(pub);
    none.update(Arrays.copyOf(longDigest, 32));
    assertTrue(none.verify(EcdsaSignatures.rawToDer(f.ok(cu, Requests.signDigest(f.id(), ec, longDigest)))));
    f.expect(CKR_KEY_TYPE_INCONSISTENT, cu, Requests.signDigest(f.id(), generate(ObjectType.ED25519, "ed"), new byte[32]));
    f.expect(CKR_KEY_FUNCTION_NOT_PERMITTED, cu, Requests.signDigest(f.id(), generate(ObjectType.AES256, "a"), new byte[32]));
  }

  @Test
  void ed25519InfoCarriesAnSpkiThatVerifiesSign() throws Exception {
    long ed = generate(ObjectType.ED25519, "ed");
    Info info = Info.decode(f.ok(cu, Requests.objectInfo(f.id(), ed)));
    PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(info.publicKeySpki()));
    byte[] sig = f.ok(cu, Requests.sign(f.id(), ed, new byte[] {4}));
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(pub);
    v.update(new byte[] {4});
    assertTrue(v.verify(Arrays.copyOfRange(sig, 5, sig.length)));
  }

  @Test
  void certificateAndDataObjects() throws Exception {
    long ec = generate(ObjectType.EC_P256, "web");
    long cert = handle(f.ok(co, Requests.createObject(f.id(), ObjectType.CERTIFICATE, "web", CERT)));
    long data = handle(f.ok(co, Requests.createObject(f.id(), ObjectType.DATA, "notes", new byte[] {1, 2, 3})));
    assertArrayEquals(CERT, f.ok(cu, Requests.objectValue(f.id(), cert)));
    assertArrayEquals(new byte[] {1, 2, 3}, f.ok(cu, Requests.objectValue(f.id(), data)));
    Info ci = Info.decode(f.ok(cu, Requests.objectInfo(f.id(), cert)));
    assertEquals(ObjectType.CERTIFICATE, ci.type());
    assertEquals("web", ci.label());
    assertEquals(0, ci.keyId());
    assertEquals(0, ci.publicKeySpki().length);
    assertEquals(CERT.length, ci.valueLength());
    f.expect(CKR_ATTRIBUTE_SENSITIVE, cu, Requests.objectValue(f.id(), ec));
    f.expect(CKR_OBJECT_HANDLE_INVALID, cu, Requests.objectValue(f.id(), 999));
    f.expect(CKR_OBJECT_HANDLE_INVALID, cu, Requests.objectInfo(f.id(), 999));
    f.expect(CKR_KEY_TYPE_INCONSISTENT, cu, Requests.sign(f.id(), cert, new byte[1]));
    f.expect(CKR_KEY_TYPE_INCONSISTENT, cu, Requests.encryptGcm(f.id(), new Gcm(data, new byte[12], new byte[1], new byte[0], 16)));
    f.expect(CKR_KEY_TYPE_INCONSISTENT, cu, Requests.publicKey(f.id(), cert));
    byte[] truncated = Arrays.copyOf(CERT, CERT.length - 1);
    f.expect(CKR_ATTRIBUTE_VALUE_INVALID, co, Requests.createObject(f.id(), ObjectType.CERTIFICATE, "bad", truncated));
    byte[] trailing = Arrays.copyOf(CERT, CERT.length + 1);
    f.expect(CKR_ATTRIBUTE_VALUE_INVALID, co, Requests.createObject(f.id(), ObjectType.CERTIFICATE, "bad", trailing));
    f.expect(CKR_ARGUMENTS_BAD, co, Requests.createObject(f.id(), ObjectType.DATA, "empty", new byte[0]));
    f.expect(CKR_ARGUMENTS_BAD, co, Requests.createObject(f.id(), ObjectType.AES256, "key", new byte[32]));
    f.expect(CKR_ARGUMENTS_BAD, co, Requests.generate(f.id(), ObjectType.CERTIFICATE, "gen"));
    // Listed, counted in storage and destroyed like keys.
    var list = ObjectBodies.decodeList(f.ok(cu, Requests.listObjects(f.id())));
    assertEquals(3, list.size());
    PartitionInfo pi = PartitionInfo.decode(f.ok(cu, Requests.partitionInfo(f.id())));
    assertEquals(list.stream().mapToLong(ObjectBodies.Entry::storedBytes).sum() + 2392, pi.usedBytes());
    assertTrue(list.get(1).storedBytes() > CERT.length);
    f.ok(co, Requests.destroy(f.id(), cert));
    f.expect(CKR_OBJECT_HANDLE_INVALID, cu, Requests.objectValue(f.id(), cert));
  }

  @Test
  void importRefusesOtherTypesAndSizes() throws Exception {
    f.expect(CKR_ARGUMENTS_BAD, co, Requests.importAesKey(f.id(), "short", new byte[31]));
    f.expect(CKR_ARGUMENTS_BAD, co, Requests.importAesKey(f.id(), "long", new byte[33]));
    f.expect(CKR_ARGUMENTS_BAD, co, Requests.importAesKey(f.id(), "bad label!", new byte[32]));
  }

  @Test
  void rolesAreChecked() throws Exception {
    long ec = generate(ObjectType.EC_P256, "ec");
    Session nobody = f.session();
    Session po = f.loggedIn(Role.PO);
    f.expect(CKR_USER_NOT_LOGGED_IN, cu, Requests.importAesKey(f.id(), "k", new byte[32]));
    f.expect(CKR_USER_NOT_LOGGED_IN, cu, Requests.createObject(f.id(), ObjectType.DATA, "d", new byte[1]));
    f.expect(CKR_USER_NOT_LOGGED_IN, po, Requests.createObject(f.id(), ObjectType.DATA, "d", new byte[1]));
    for (Session s : new Session[] {nobody, po}) {
      f.expect(CKR_USER_NOT_LOGGED_IN, s, Requests.objectInfo(f.id(), ec));
      f.expect(CKR_USER_NOT_LOGGED_IN, s, Requests.signDigest(f.id(), ec, new byte[32]));
      f.expect(CKR_USER_NOT_LOGGED_IN, s, Requests.objectValue(f.id(), ec));
      f.expect(CKR_USER_NOT_LOGGED_IN, s, Requests.encryptGcm(f.id(), new Gcm(ec, new byte[12], new byte[1], new byte[0], 16)));
    }
    f.ok(cu, Requests.objectInfo(f.id(), ec));
    f.ok(co, Requests.signDigest(f.id(), ec, new byte[32]));
  }
}
