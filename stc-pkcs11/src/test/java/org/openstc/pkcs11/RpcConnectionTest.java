package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The framing and the answers to bad messages: each gets the right CKR, the stream goes on. */
class RpcConnectionTest {
  private final MemoryBackend.Store store = new MemoryBackend.Store();
  private final RpcClient client = new RpcClient(MemoryBackend.backends(store, 0));

  @Test
  void versionIsTheLowerOfTheClientsAndOne() throws IOException {
    assertEquals(0, handshake(0));
    assertEquals(1, handshake(1));
    assertEquals(1, handshake(2));
  }

  private int handshake(int version) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new RpcConnection(new ByteArrayInputStream(new byte[] {(byte) version}), out,
        MemoryBackend.backends(store)).serve();
    return out.toByteArray()[0];
  }

  @Test
  void framesAreAnsweredWithTheirCode() throws IOException {
    byte[] body = RpcClient.request(RpcCall.C_FINALIZE).toByteArray();
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write(0);
    in.writeBytes(new RpcWriter().u32(77).u32(3).u32(body.length).toByteArray());
    in.writeBytes("mod".getBytes(StandardCharsets.US_ASCII));
    in.writeBytes(body);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new RpcConnection(new ByteArrayInputStream(in.toByteArray()), out,
        MemoryBackend.backends(store)).serve();
    byte[] o = out.toByteArray();
    assertArrayEquals(new byte[] {0, 0, 0, 0, 77, 0, 0, 0, 0}, java.util.Arrays.copyOf(o, 9));
  }

  @Test
  void oversizedFrameEndsTheConnection() {
    byte[] in = new RpcWriter().u8(0).u32(1).u32(0).u32(RpcConnection.MAX_BODY + 1L)
        .toByteArray();
    assertThrows(IOException.class, () -> new RpcConnection(new ByteArrayInputStream(in),
        new ByteArrayOutputStream(), MemoryBackend.backends(store)).serve());
  }

  @Test
  void streamEndingInsideAFrameClosesTheChannels() throws Exception {
    RpcClient c = new RpcClient(MemoryBackend.backends(store, 0));
    c.loggedInSession(0, store.pin);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write(0);
    in.writeBytes(new RpcWriter().u32(1).u32(0).u32(100).toByteArray());
    in.writeBytes(new byte[10]);
    RpcConnection conn = new RpcConnection(new ByteArrayInputStream(in.toByteArray()),
        new ByteArrayOutputStream(), MemoryBackend.backends(store, 0));
    assertThrows(EOFException.class, conn::serve);
    assertEquals(0, conn.openChannels());
  }

  @Test
  void unknownCallIsFunctionNotSupported() throws Exception {
    assertEquals(Ck.CKR_FUNCTION_NOT_SUPPORTED, client.ckr(new RpcWriter().u32(200)
        .byteArray(new byte[0])));
    assertEquals(Ck.CKR_FUNCTION_NOT_SUPPORTED, client.ckr(new RpcWriter().u32(0)
        .byteArray(new byte[] {'u'})));
  }

  @Test
  void wrongSignatureTruncationAndTrailingBytesAreDeviceErrors() throws Exception {
    long s = client.loggedInSession(0, store.pin);
    assertEquals(Ck.CKR_DEVICE_ERROR, client.ckr(new RpcWriter().u32(RpcCall.C_LOGOUT)
        .byteArray("uu".getBytes(StandardCharsets.US_ASCII)).ulong(s)));
    assertEquals(Ck.CKR_DEVICE_ERROR, client.ckr(RpcClient.request(RpcCall.C_LOGOUT).u32(0)));
    assertEquals(Ck.CKR_DEVICE_ERROR, client.ckr(RpcClient.request(RpcCall.C_LOGOUT).ulong(s)
        .u8(0)));
    assertEquals(Ck.CKR_DEVICE_ERROR, client.ckr(new RpcWriter().u8(1)));
    // the connection still serves
    assertEquals(Ck.CKR_OK, client.ckr(RpcClient.request(RpcCall.C_LOGOUT).ulong(s)));
  }

  @Test
  void hugeCountsAreRefusedBeforeAllocating() throws Exception {
    long s = client.loggedInSession(0, store.pin);
    assertEquals(Ck.CKR_DEVICE_ERROR, client.ckr(RpcClient.request(RpcCall.C_FIND_OBJECTS_INIT)
        .ulong(s).u32(0xffffffffL)));
    assertEquals(Ck.CKR_DEVICE_ERROR, client.ckr(RpcClient.request(RpcCall.C_GET_ATTRIBUTE_VALUE)
        .ulong(s).ulong(2).u32(0x7fffffffL)));
    assertEquals(Ck.CKR_DEVICE_ERROR, client.ckr(RpcClient.request(RpcCall.C_SIGN).ulong(s)
        .u8(1).u32(0x7ffffff0L)));
  }

  @Test
  void callsBeforeInitializeAndOnBadHandles() throws Exception {
    assertEquals(Ck.CKR_CRYPTOKI_NOT_INITIALIZED,
        client.ckr(RpcClient.request(RpcCall.C_GET_INFO)));
    long s = client.loggedInSession(0, store.pin);
    assertEquals(Ck.CKR_SESSION_HANDLE_INVALID,
        client.ckr(RpcClient.request(RpcCall.C_LOGOUT).ulong(s + 99)));
    assertEquals(Ck.CKR_SLOT_ID_INVALID,
        client.ckr(RpcClient.request(RpcCall.C_GET_SLOT_INFO).ulong(7)));
    assertEquals(Ck.CKR_FUNCTION_NOT_SUPPORTED,
        client.ckr(RpcClient.request(40 /* C_DigestKey */).ulong(s).ulong(2)));
    assertEquals(Ck.CKR_MECHANISM_INVALID, client.ckr(RpcClient.request(RpcCall.C_SIGN_INIT)
        .ulong(s).u32(0x1).u32(0xffffffffL).ulong(2)));
    assertEquals(Ck.CKR_USER_TYPE_INVALID, client.ckr(RpcClient.bytes(
        RpcClient.request(RpcCall.C_LOGIN).ulong(s).ulong(7), new byte[1])));
    assertNotNull(client.call(RpcClient.request(RpcCall.C_GET_INFO)));
  }
}
