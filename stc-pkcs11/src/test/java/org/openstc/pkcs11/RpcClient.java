package org.openstc.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

/**
 * Test side of the protocol: request bodies encoded as p11-kit's client encodes them, answered
 * by an {@link RpcConnection}, and the answer's return value or fields.
 */
final class RpcClient {
  private final RpcConnection connection;

  RpcClient(Backends backends) {
    this.connection = new RpcConnection(java.io.InputStream.nullInputStream(),
        java.io.OutputStream.nullOutputStream(), backends);
  }

  RpcConnection connection() {
    return connection;
  }

  /** A request body: call id, its signature, then the arguments written by {@code args}. */
  static RpcWriter request(int call) {
    return new RpcWriter().u32(call)
        .byteArray(RpcCall.request(call).getBytes(StandardCharsets.US_ASCII));
  }

  /** An 'ay' argument. */
  static RpcWriter bytes(RpcWriter w, byte[] b) {
    return w.u8(1).byteArray(b);
  }

  /** The answer: a reader positioned after the response signature, or null for an ERROR. */
  RpcReader call(RpcWriter request) throws RpcFormatException {
    RpcReader r = new RpcReader(connection.answer(request.toByteArray()));
    long id = r.u32();
    r.byteArray();
    return id == RpcCall.ERROR ? null : r;
  }

  /** The CKR of the answer: CKR_OK for a normal answer, else the ERROR message's value. */
  long ckr(RpcWriter request) throws RpcFormatException {
    RpcReader r = new RpcReader(connection.answer(request.toByteArray()));
    long id = r.u32();
    r.byteArray();
    return id == RpcCall.ERROR ? r.ulong() : Ck.CKR_OK;
  }

  /** C_Initialize, C_OpenSession (RW) on {@code slot}, C_Login as CKU_USER: the session. */
  long loggedInSession(long slot, String pin) throws RpcFormatException {
    assertEquals(Ck.CKR_OK, ckr(bytes(request(RpcCall.C_INITIALIZE), Dispatcher.HANDSHAKE)
        .u8(0).u8(1).byteArray(new byte[] {0})));
    RpcReader s = call(request(RpcCall.C_OPEN_SESSION).ulong(slot)
        .ulong(Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION));
    long session = s.ulong();
    assertEquals(Ck.CKR_OK, ckr(bytes(request(RpcCall.C_LOGIN).ulong(session).ulong(Ck.CKU_USER),
        pin.getBytes(StandardCharsets.UTF_8))));
    return session;
  }
}
