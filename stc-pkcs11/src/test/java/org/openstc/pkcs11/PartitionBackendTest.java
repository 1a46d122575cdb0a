package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openstc.client.StcClient;

/**
 * The calls p11-kit 0.24's client does not forward (CK_GCM_PARAMS, CKM_EDDSA) and object
 * creation, encoded as p11-kit encodes them, against a real partition through the client
 * library ({@link ClientBackends}, {@link SlotBackend}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionBackendTest {
  @TempDir static Path dir;
  private LivePartition live;
  private StcClient stc;
  private RpcClient client;
  private long session;

  @BeforeAll
  void start() throws Exception {
    live = LivePartition.create(dir);
    stc = StcClient.open(live.home, null);
    client = new RpcClient(new ClientBackends(stc));
    session = client.loggedInSession(0, LivePartition.CO_PIN);
  }

  @AfterAll
  void stop() throws Exception {
    client.connection().answer(RpcClient.request(RpcCall.C_FINALIZE).toByteArray());
    assertEquals(0, client.connection().openChannels());
    stc.close();
    live.close();
  }

  private byte[] output(int call, byte[] data) throws Exception {
    RpcReader r = client.call(RpcClient.bytes(RpcClient.request(call).ulong(session), data)
        .u32(65536));
    assertEquals(1, r.u8());
    return r.byteArray();
  }

  private RpcWriter gcm(int call, long key) {
    return RpcClient.request(call).ulong(session).u32(Ck.CKM_AES_GCM).byteArray(new byte[12])
        .ulong(96).byteArray(new byte[0]).ulong(128).ulong(key);
  }

  private static RpcWriter label(RpcWriter w, String label) {
    byte[] b = label.getBytes(StandardCharsets.UTF_8);
    return w.u32(Ck.CKA_LABEL).u8(1).u32(b.length).byteArray(b);
  }

  @Test
  void gcmThroughThePartitionIsStandardAesGcm() throws Exception {
    byte[] key = new byte[32];
    key[0] = 7;
    long handle = client.call(label(RpcClient.request(RpcCall.C_CREATE_OBJECT).ulong(session)
        .u32(4).u32(Ck.CKA_CLASS).u8(1).u32(8).ulong(Ck.CKO_SECRET_KEY)
        .u32(Ck.CKA_KEY_TYPE).u8(1).u32(8).ulong(Ck.CKK_AES)
        .u32(Ck.CKA_VALUE).u8(1).u32(32).byteArray(key), "imported")).ulong();
    byte[] plain = "gcm via pkcs11".getBytes(StandardCharsets.UTF_8);
    assertEquals(Ck.CKR_OK, client.ckr(gcm(RpcCall.C_ENCRYPT_INIT, handle)));
    byte[] sealed = output(RpcCall.C_ENCRYPT, plain);
    javax.crypto.Cipher jdk = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"),
        new javax.crypto.spec.GCMParameterSpec(128, new byte[12]));
    assertArrayEquals(plain, jdk.doFinal(sealed));
    assertEquals(Ck.CKR_OK, client.ckr(gcm(RpcCall.C_DECRYPT_INIT, handle)));
    assertArrayEquals(plain, output(RpcCall.C_DECRYPT, sealed));
  }

  @Test
  void ed25519PairSignsAndVerifies() throws Exception {
    RpcReader pair = client.call(label(RpcClient.request(RpcCall.C_GENERATE_KEY_PAIR)
        .ulong(session).u32(Ck.CKM_EC_EDWARDS_KEY_PAIR_GEN).u32(RpcReader.NULL_LENGTH)
        .u32(0).u32(1), "ed1"));
    long pub = pair.ulong();
    long priv = pair.ulong();
    byte[] data = "ed25519 message".getBytes(StandardCharsets.UTF_8);
    client.ckr(RpcClient.request(RpcCall.C_SIGN_INIT).ulong(session).u32(Ck.CKM_EDDSA)
        .u32(RpcReader.NULL_LENGTH).ulong(priv));
    byte[] sig = output(RpcCall.C_SIGN, data);
    assertEquals(64, sig.length);
    client.ckr(RpcClient.request(RpcCall.C_VERIFY_INIT).ulong(session).u32(Ck.CKM_EDDSA)
        .u32(RpcReader.NULL_LENGTH).ulong(pub));
    assertEquals(Ck.CKR_OK, client.ckr(RpcClient.bytes(RpcClient.bytes(
        RpcClient.request(RpcCall.C_VERIFY).ulong(session), data), sig)));
  }

  @Test
  void certificateTakesTheIdOfItsKeyAndReadsBack() throws Exception {
    RpcReader pair = client.call(label(RpcClient.request(RpcCall.C_GENERATE_KEY_PAIR)
        .ulong(session).u32(Ck.CKM_EC_KEY_PAIR_GEN).u32(RpcReader.NULL_LENGTH).u32(0).u32(1),
        "web"));
    pair.ulong();
    long priv = pair.ulong();
    byte[] der = SelfSigned.certificate("CN=web");
    long cert = client.call(label(RpcClient.request(RpcCall.C_CREATE_OBJECT).ulong(session)
        .u32(3).u32(Ck.CKA_CLASS).u8(1).u32(8).ulong(Ck.CKO_CERTIFICATE)
        .u32(Ck.CKA_VALUE).u8(1).u32(der.length).byteArray(der), "web")).ulong();
    assertArrayEquals(attribute(priv, Ck.CKA_ID), attribute(cert, Ck.CKA_ID));
    assertArrayEquals(der, attribute(cert, Ck.CKA_VALUE));
  }

  @Test
  void setPinChangesTheCryptoOfficersPin() throws Exception {
    RpcClient other = new RpcClient(new ClientBackends(stc));
    long s = other.loggedInSession(0, LivePartition.CO_PIN);
    byte[] oldPin = LivePartition.CO_PIN.getBytes(StandardCharsets.UTF_8);
    byte[] newPin = "co-pin-5678".getBytes(StandardCharsets.UTF_8);
    assertEquals(Ck.CKR_PIN_INCORRECT, other.ckr(RpcClient.bytes(RpcClient.bytes(
        RpcClient.request(RpcCall.C_SET_PIN).ulong(s), newPin), newPin)));
    assertEquals(Ck.CKR_OK, other.ckr(RpcClient.bytes(RpcClient.bytes(
        RpcClient.request(RpcCall.C_SET_PIN).ulong(s), oldPin), newPin)));
    assertEquals(Ck.CKR_OK, other.ckr(RpcClient.bytes(RpcClient.bytes(
        RpcClient.request(RpcCall.C_SET_PIN).ulong(s), newPin), oldPin)));
    other.connection().answer(RpcClient.request(RpcCall.C_FINALIZE).toByteArray());
  }

  @Test
  void aChannelLostMidSessionIsDeviceErrorThenANewChannel() throws Exception {
    RpcClient other = new RpcClient(new ClientBackends(stc));
    long s = other.loggedInSession(0, LivePartition.CO_PIN);
    assertEquals(2, live.hostChannels());
    live.disconnectAll();
    assertEquals(Ck.CKR_DEVICE_ERROR, other.ckr(RpcClient.request(RpcCall.C_GENERATE_RANDOM)
        .ulong(s).u32(16)));
    assertEquals(0, other.connection().openChannels());
    RpcReader r = other.call(RpcClient.request(RpcCall.C_GENERATE_RANDOM).ulong(s).u32(16));
    assertEquals(1, r.u8());
    assertEquals(16, r.byteArray().length);
    RpcWriter login = RpcClient.bytes(RpcClient.request(RpcCall.C_LOGIN).ulong(session)
        .ulong(Ck.CKU_USER), LivePartition.CO_PIN.getBytes(StandardCharsets.UTF_8));
    assertEquals(Ck.CKR_DEVICE_ERROR, client.ckr(login)); // this class's channel was lost too
    assertEquals(Ck.CKR_OK, client.ckr(login));
    other.connection().answer(RpcClient.request(RpcCall.C_FINALIZE).toByteArray());
  }

  private byte[] attribute(long object, long type) throws Exception {
    RpcReader r = client.call(RpcClient.request(RpcCall.C_GET_ATTRIBUTE_VALUE).ulong(session)
        .ulong(object).u32(1).u32(type).u32(65536));
    r.u32();
    r.u32();
    assertEquals(1, r.u8());
    r.u32();
    byte[] value = r.byteArray();
    assertEquals(Ck.CKR_OK, r.ulong());
    return value;
  }
}
