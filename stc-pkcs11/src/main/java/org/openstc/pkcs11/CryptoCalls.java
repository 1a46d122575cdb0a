package org.openstc.pkcs11;

/**
 * Encrypt, Decrypt (CKM_AES_GCM), Sign, Verify (CKM_ECDSA, CKM_ECDSA_SHA256, CKM_EDDSA) and
 * GenerateRandom. Output sizes are known before the partition is asked (GCM: data plus tag;
 * signatures: 64 bytes), so a size query or a short buffer is answered without running the
 * operation, which stays active as PKCS#11 requires. Multi-part calls collect the data (up to
 * {@link Session#MAX_DATA}) and run one partition command at the final call.
 */
final class CryptoCalls {
  private static final long CKR_ENCRYPTED_DATA_LEN_RANGE = 0x41;
  private static final long CKR_RANDOM_SEED_NOT_SUPPORTED = 0x120;
  private static final int MAX_RANDOM = 64 * 1024;

  private final P11State state;
  private final ObjectCalls objects;

  CryptoCalls(P11State state, ObjectCalls objects) {
    this.state = state;
    this.objects = objects;
  }

  boolean handles(int id) {
    return (id >= RpcCall.C_ENCRYPT_INIT && id <= RpcCall.C_DECRYPT_FINAL)
        || (id >= RpcCall.C_SIGN_INIT && id <= RpcCall.C_SIGN_FINAL)
        || (id >= RpcCall.C_VERIFY_INIT && id <= RpcCall.C_VERIFY_FINAL)
        || id == RpcCall.C_GENERATE_RANDOM || id == RpcCall.C_SEED_RANDOM;
  }

  RpcWriter handle(int id, RpcReader in, RpcWriter out) throws RpcFormatException, CkrException {
    long handle = in.ulong();
    switch (id) {
      case RpcCall.C_ENCRYPT_INIT:
      case RpcCall.C_DECRYPT_INIT:
      case RpcCall.C_SIGN_INIT:
      case RpcCall.C_VERIFY_INIT: {
        Mechanism m = in.mechanism();
        long key = in.ulong();
        in.end();
        init(id, state.session(handle), m, key);
        return out;
      }
      case RpcCall.C_ENCRYPT:
      case RpcCall.C_DECRYPT:
      case RpcCall.C_SIGN: {
        byte[] data = orEmpty(in.byteArgument());
        long capacity = in.bufferCapacity();
        in.end();
        Session s = state.session(handle);
        Session.Operation op = active(s, id);
        op.replace(data); // the same data again after a size query
        return finish(s, id, op, capacity, out);
      }
      case RpcCall.C_ENCRYPT_UPDATE:
      case RpcCall.C_DECRYPT_UPDATE: {
        byte[] data = orEmpty(in.byteArgument());
        in.bufferCapacity();
        in.end();
        Session s = state.session(handle);
        add(s, id, data);
        return out.byteResult(new byte[0], 0);
      }
      case RpcCall.C_SIGN_UPDATE:
      case RpcCall.C_VERIFY_UPDATE: {
        byte[] data = orEmpty(in.byteArgument());
        in.end();
        add(state.session(handle), id, data);
        return out;
      }
      case RpcCall.C_ENCRYPT_FINAL:
      case RpcCall.C_DECRYPT_FINAL:
      case RpcCall.C_SIGN_FINAL: {
        long capacity = in.bufferCapacity();
        in.end();
        Session s = state.session(handle);
        return finish(s, id, active(s, id), capacity, out);
      }
      case RpcCall.C_VERIFY:
      case RpcCall.C_VERIFY_FINAL: {
        byte[] data = id == RpcCall.C_VERIFY ? orEmpty(in.byteArgument()) : new byte[0];
        byte[] signature = orEmpty(in.byteArgument());
        in.end();
        Session s = state.session(handle);
        Session.Operation op = active(s, id);
        s.verify = null;
        if (id == RpcCall.C_VERIFY) {
          op.replace(data);
        }
        long rv = LocalVerify.verify(op.key, op.mechanism.type(), input(op), signature);
        if (rv != Ck.CKR_OK) {
          throw new CkrException(rv, "signature does not verify");
        }
        return out;
      }
      case RpcCall.C_SEED_RANDOM:
        in.byteArgument();
        in.end();
        state.session(handle);
        throw new CkrException(CKR_RANDOM_SEED_NOT_SUPPORTED);
      default: { // C_GENERATE_RANDOM
        long length = in.bufferCapacity();
        in.end();
        Session s = state.session(handle);
        if (length > MAX_RANDOM) {
          throw new CkrException(Ck.CKR_DATA_LEN_RANGE, "at most " + MAX_RANDOM + " bytes");
        }
        byte[] r = length == 0 ? new byte[0] : objects.call(s, b -> b.random((int) length));
        return out.byteResult(r, r.length);
      }
    }
  }

  private void init(int id, Session s, Mechanism m, long keyHandle) throws CkrException {
    boolean cipher = id == RpcCall.C_ENCRYPT_INIT || id == RpcCall.C_DECRYPT_INIT;
    if (slotOf(s, id) != null) {
      throw new CkrException(Ck.CKR_OPERATION_ACTIVE, "an operation of this kind is active");
    }
    P11Object key;
    try {
      key = objects.object(s, keyHandle);
    } catch (CkrException e) {
      throw e.ckr() == Ck.CKR_OBJECT_HANDLE_INVALID
          ? new CkrException(Ck.CKR_KEY_HANDLE_INVALID, e.getMessage()) : e;
    }
    Backend.Kind kind = key.entry().kind();
    if (cipher) {
      if (m.type() != Ck.CKM_AES_GCM) {
        throw new CkrException(Ck.CKR_MECHANISM_INVALID, "encryption is CKM_AES_GCM");
      }
      m.gcmTagBytes();
      if (kind != Backend.Kind.AES) {
        throw new CkrException(Ck.CKR_KEY_TYPE_INCONSISTENT, "CKM_AES_GCM needs an AES key");
      }
    } else {
      boolean ec = m.type() == Ck.CKM_ECDSA || m.type() == Ck.CKM_ECDSA_SHA256;
      if (!ec && m.type() != Ck.CKM_EDDSA) {
        throw new CkrException(Ck.CKR_MECHANISM_INVALID, "signing is ECDSA or EdDSA");
      }
      if (kind != (ec ? Backend.Kind.EC_P256 : Backend.Kind.ED25519)) {
        throw new CkrException(Ck.CKR_KEY_TYPE_INCONSISTENT, "key does not fit the mechanism");
      }
      if (id == RpcCall.C_SIGN_INIT && key.publicHalf()) {
        throw new CkrException(Ck.CKR_KEY_FUNCTION_NOT_PERMITTED, "a public key cannot sign");
      }
    }
    Session.Operation op = new Session.Operation(m, key);
    switch (id) {
      case RpcCall.C_ENCRYPT_INIT:
        s.encrypt = op;
        break;
      case RpcCall.C_DECRYPT_INIT:
        s.decrypt = op;
        break;
      case RpcCall.C_SIGN_INIT:
        s.sign = op;
        break;
      default:
        s.verify = op;
    }
  }

  private RpcWriter finish(Session s, int id, Session.Operation op, long capacity, RpcWriter out)
      throws CkrException {
    byte[] data = op.collected();
    boolean sign = id == RpcCall.C_SIGN || id == RpcCall.C_SIGN_FINAL;
    boolean encrypt = id == RpcCall.C_ENCRYPT || id == RpcCall.C_ENCRYPT_FINAL;
    int tag = sign ? 0 : op.mechanism.gcmTagBytes();
    long length = sign ? 64 : encrypt ? data.length + tag : data.length - tag;
    if (length < 0) {
      clear(s, id);
      throw new CkrException(CKR_ENCRYPTED_DATA_LEN_RANGE, "shorter than the GCM tag");
    }
    if (capacity < length) {
      return out.byteResult(null, length); // size query or short buffer: operation stays
    }
    clear(s, id);
    long key = op.key.entry().handle();
    Mechanism m = op.mechanism;
    byte[] result = objects.call(s, b -> {
      if (sign) {
        return m.type() == Ck.CKM_EDDSA ? b.signEd25519(key, data)
            : b.signDigest(key, input(op));
      }
      return encrypt ? b.encryptGcm(key, m.iv(), data, m.aad(), tag)
          : b.decryptGcm(key, m.iv(), data, m.aad(), tag);
    });
    return out.byteResult(result, result.length);
  }

  /** What is signed or verified: the data, or for CKM_ECDSA_SHA256 its SHA-256. */
  private static byte[] input(Session.Operation op) throws CkrException {
    byte[] data = op.collected();
    if (op.mechanism.type() == Ck.CKM_ECDSA_SHA256) {
      return LocalVerify.sha256(data);
    }
    if (op.mechanism.type() == Ck.CKM_ECDSA && (data.length == 0 || data.length > 64)) {
      throw new CkrException(Ck.CKR_DATA_LEN_RANGE, "CKM_ECDSA signs a digest of 1 to 64 bytes");
    }
    return data;
  }

  private void add(Session s, int id, byte[] data) throws CkrException {
    Session.Operation op = active(s, id);
    try {
      op.add(data);
    } catch (CkrException e) {
      clear(s, id);
      throw e;
    }
  }

  private Session.Operation active(Session s, int id) throws CkrException {
    Session.Operation op = slotOf(s, id);
    if (op == null) {
      throw new CkrException(Ck.CKR_OPERATION_NOT_INITIALIZED);
    }
    return op;
  }

  private static Session.Operation slotOf(Session s, int id) {
    if (id <= RpcCall.C_ENCRYPT_FINAL) {
      return s.encrypt;
    } else if (id <= RpcCall.C_DECRYPT_FINAL) {
      return s.decrypt;
    } else if (id <= RpcCall.C_SIGN_FINAL) {
      return s.sign;
    }
    return s.verify;
  }

  private static void clear(Session s, int id) {
    if (id <= RpcCall.C_ENCRYPT_FINAL) {
      s.encrypt = null;
    } else if (id <= RpcCall.C_DECRYPT_FINAL) {
      s.decrypt = null;
    } else if (id <= RpcCall.C_SIGN_FINAL) {
      s.sign = null;
    } else {
      s.verify = null;
    }
  }

  private static byte[] orEmpty(byte[] b) {
    return b == null ? new byte[0] : b;
  }
}
