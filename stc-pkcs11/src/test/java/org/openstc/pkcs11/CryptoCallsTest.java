package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The object and crypto calls as p11-kit serializes them (CK_GCM_PARAMS included, which
 * p11-kit 0.24's client does not forward), against a partition in memory.
 */
class CryptoCallsTest {
  private static final byte[] IV = new byte[12];
  private final MemoryBackend.Store store = new MemoryBackend.Store();
  private final RpcClient client = new RpcClient(MemoryBackend.backends(store, 0));
  private long session;

  @BeforeEach
  void login() throws Exception {
    session = client.loggedInSession(0, store.pin);
  }

  private long aesKey() throws Exception {
    RpcReader r = client.call(RpcClient.request(RpcCall.C_GENERATE_KEY).ulong(session)
        .u32(Ck.CKM_AES_KEY_GEN).u32(RpcReader.NULL_LENGTH)
        .u32(1).u32(Ck.CKA_LABEL).u8(1).u32(3).byteArray("aes".getBytes(StandardCharsets.UTF_8)));
    return r.ulong();
  }

  private RpcWriter gcm(int call, long key, long tagBits) {
    return RpcClient.request(call).ulong(session).u32(Ck.CKM_AES_GCM).byteArray(IV).ulong(96)
        .byteArray("aad".getBytes(StandardCharsets.UTF_8)).ulong(tagBits).ulong(key);
  }

  private byte[] run(int call, byte[] data, long capacity) throws Exception {
    RpcReader r = client.call(RpcClient.bytes(RpcClient.request(call).ulong(session), data)
        .u32(capacity));
    if (r.u8() == 0) {
      return new byte[(int) r.u32()]; // size answer: zeros of that length
    }
    return r.byteArray();
  }

  @Test
  void gcmRoundTripWithSizeQueryFirst() throws Exception {
    long key = aesKey();
    byte[] plain = "attack at dawn".getBytes(StandardCharsets.UTF_8);
    assertEquals(Ck.CKR_OK, client.ckr(gcm(RpcCall.C_ENCRYPT_INIT, key, 128)));
    assertEquals(plain.length + 16, run(RpcCall.C_ENCRYPT, plain, 0).length);
    byte[] sealed = run(RpcCall.C_ENCRYPT, plain, 4096);
    assertEquals(plain.length + 16, sealed.length);
    assertEquals(Ck.CKR_OPERATION_NOT_INITIALIZED, client.ckr(RpcClient.bytes(
        RpcClient.request(RpcCall.C_ENCRYPT).ulong(session), plain).u32(4096)));
    assertEquals(Ck.CKR_OK, client.ckr(gcm(RpcCall.C_DECRYPT_INIT, key, 128)));
    assertArrayEquals(plain, run(RpcCall.C_DECRYPT, sealed, 4096));
    sealed[sealed.length - 1] ^= 1;
    assertEquals(Ck.CKR_OK, client.ckr(gcm(RpcCall.C_DECRYPT_INIT, key, 128)));
    assertEquals(Ck.CKR_ENCRYPTED_DATA_INVALID, client.ckr(RpcClient.bytes(
        RpcClient.request(RpcCall.C_DECRYPT).ulong(session), sealed).u32(4096)));
  }

  @Test
  void multiPartEncryptMatchesSinglePart() throws Exception {
    long key = aesKey();
    client.ckr(gcm(RpcCall.C_ENCRYPT_INIT, key, 96));
    byte[] whole = run(RpcCall.C_ENCRYPT, "abcdef".getBytes(StandardCharsets.UTF_8), 100);
    client.ckr(gcm(RpcCall.C_ENCRYPT_INIT, key, 96));
    assertEquals(0, run(RpcCall.C_ENCRYPT_UPDATE, "abc".getBytes(StandardCharsets.UTF_8), 100)
        .length);
    run(RpcCall.C_ENCRYPT_UPDATE, "def".getBytes(StandardCharsets.UTF_8), 100);
    RpcReader r = client.call(RpcClient.request(RpcCall.C_ENCRYPT_FINAL).ulong(session).u32(100));
    r.u8();
    assertArrayEquals(whole, r.byteArray());
  }

  @Test
  void badGcmParametersAndWrongKeys() throws Exception {
    long key = aesKey();
    assertEquals(Ck.CKR_MECHANISM_PARAM_INVALID, client.ckr(gcm(RpcCall.C_ENCRYPT_INIT, key, 64)));
    assertEquals(Ck.CKR_KEY_HANDLE_INVALID, client.ckr(gcm(RpcCall.C_ENCRYPT_INIT, 98, 128)));
    long pub = client.call(RpcClient.request(RpcCall.C_GENERATE_KEY_PAIR).ulong(session)
        .u32(Ck.CKM_EC_KEY_PAIR_GEN).u32(RpcReader.NULL_LENGTH).u32(0).u32(0)).ulong();
    assertEquals(Ck.CKR_KEY_TYPE_INCONSISTENT, client.ckr(gcm(RpcCall.C_ENCRYPT_INIT, pub, 128)));
  }

  @Test
  void ecdsaSignsAndVerifiesAndSecretsStayInside() throws Exception {
    RpcReader pair = client.call(RpcClient.request(RpcCall.C_GENERATE_KEY_PAIR).ulong(session)
        .u32(Ck.CKM_EC_KEY_PAIR_GEN).u32(RpcReader.NULL_LENGTH)
        .u32(1).u32(Ck.CKA_EC_PARAMS).u8(1).u32(10).byteArray(P11Object.P256_PARAMS).u32(0));
    long pub = pair.ulong();
    long priv = pair.ulong();
    byte[] digest = LocalVerify.sha256("message".getBytes(StandardCharsets.UTF_8));
    assertEquals(Ck.CKR_OK, client.ckr(RpcClient.request(RpcCall.C_SIGN_INIT).ulong(session)
        .u32(Ck.CKM_ECDSA).u32(RpcReader.NULL_LENGTH).ulong(priv)));
    byte[] sig = run(RpcCall.C_SIGN, digest, 64);
    assertEquals(64, sig.length);
    assertEquals(Ck.CKR_OK, client.ckr(RpcClient.request(RpcCall.C_VERIFY_INIT).ulong(session)
        .u32(Ck.CKM_ECDSA).u32(RpcReader.NULL_LENGTH).ulong(pub)));
    assertEquals(Ck.CKR_OK, client.ckr(RpcClient.bytes(RpcClient.bytes(
        RpcClient.request(RpcCall.C_VERIFY).ulong(session), digest), sig)));
    sig[5] ^= 1;
    client.ckr(RpcClient.request(RpcCall.C_VERIFY_INIT).ulong(session)
        .u32(Ck.CKM_ECDSA).u32(RpcReader.NULL_LENGTH).ulong(pub));
    assertEquals(Ck.CKR_SIGNATURE_INVALID, client.ckr(RpcClient.bytes(RpcClient.bytes(
        RpcClient.request(RpcCall.C_VERIFY).ulong(session), digest), sig)));
    RpcReader attrs = client.call(RpcClient.request(RpcCall.C_GET_ATTRIBUTE_VALUE).ulong(session)
        .ulong(priv).u32(1).u32(Ck.CKA_VALUE).u32(100));
    attrs.u32();
    attrs.u32();
    assertEquals(0, attrs.u8()); // not available
    assertEquals(Ck.CKR_ATTRIBUTE_SENSITIVE, attrs.ulong());
  }
}
