package org.openstc.pkcs11;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one parsed RPC request against the application's {@link P11State}: the general,
 * slot, token, session and login calls here; objects in {@link ObjectCalls}, cryptography in
 * {@link CryptoCalls}. Every other call is CKR_FUNCTION_NOT_SUPPORTED.
 */
final class Dispatcher {
  /** p11-kit's handshake string, the first argument of C_Initialize. */
  static final byte[] HANDSHAKE =
      "PRIVATE-GNOME-KEYRING-PKCS11-PROTOCOL-V-1".getBytes(StandardCharsets.US_ASCII);
  static final long[] MECHANISMS = {Ck.CKM_AES_KEY_GEN, Ck.CKM_AES_GCM, Ck.CKM_EC_KEY_PAIR_GEN,
      Ck.CKM_ECDSA, Ck.CKM_ECDSA_SHA256, Ck.CKM_EC_EDWARDS_KEY_PAIR_GEN, Ck.CKM_EDDSA};

  private final P11State state;
  private final ObjectCalls objects;
  private final CryptoCalls crypto;

  Dispatcher(P11State state) {
    this.state = state;
    this.objects = new ObjectCalls(state);
    this.crypto = new CryptoCalls(state, objects);
  }

  /** The response fields of call {@code id}, its arguments in {@code in}. */
  RpcWriter handle(int id, RpcReader in) throws RpcFormatException, CkrException {
    RpcWriter out = new RpcWriter();
    switch (id) {
      case RpcCall.C_INITIALIZE:
        initialize(in);
        return out;
      case RpcCall.C_FINALIZE:
        in.end();
        state.requireInitialized();
        state.close();
        return out;
      case RpcCall.C_GET_INFO:
        in.end();
        state.requireInitialized();
        return out.version(2, 40).padded("openstc", 32).ulong(0)
            .padded("openstc stc-p11 (PKCS#11 over STC)", 32).version(0, 1);
      case RpcCall.C_GET_SLOT_LIST:
        return slotList(in, out);
      case RpcCall.C_GET_SLOT_INFO:
        return slotInfo(in, out);
      case RpcCall.C_GET_TOKEN_INFO:
        return new TokenInfo(state).write(slotArgument(in), out);
      case RpcCall.C_GET_MECHANISM_LIST: {
        long slot = in.ulong();
        long capacity = in.bufferCapacity();
        in.end();
        state.requireSlot(slot);
        return capacity < MECHANISMS.length ? out.ulongResult(null, MECHANISMS.length)
            : out.ulongResult(MECHANISMS, MECHANISMS.length);
      }
      case RpcCall.C_GET_MECHANISM_INFO: {
        long slot = in.ulong();
        long mechanism = in.ulong();
        in.end();
        state.requireSlot(slot);
        long[] info = TokenInfo.mechanismInfo(mechanism);
        return out.ulong(info[0]).ulong(info[1]).ulong(info[2]);
      }
      case RpcCall.C_OPEN_SESSION:
        return openSession(in, out);
      case RpcCall.C_CLOSE_SESSION: {
        Session s = sessionArgument(in);
        state.close(s);
        return out;
      }
      case RpcCall.C_CLOSE_ALL_SESSIONS:
        state.closeAll(slotArgument(in));
        return out;
      case RpcCall.C_GET_SESSION_INFO:
        return sessionInfo(sessionArgument(in), out);
      case RpcCall.C_LOGIN:
        return login(in, out);
      case RpcCall.C_INIT_PIN: {
        Session s = state.session(in.ulong());
        byte[] pin = in.byteArgument();
        PinArguments.end(in, pin, null);
        PinArguments.with(pin, null, (p, unused) -> objects.call(s, b -> {
          b.initUserPin(p);
          return null;
        }));
        return out;
      }
      case RpcCall.C_SET_PIN: {
        Session s = state.session(in.ulong());
        byte[] oldPin = in.byteArgument();
        byte[] newPin = in.byteArgument();
        PinArguments.end(in, oldPin, newPin);
        if (newPin == null) {
          PinArguments.wipe(oldPin);
          throw new CkrException(Ck.CKR_ARGUMENTS_BAD, "no new PIN");
        }
        PinArguments.with(oldPin, newPin, (o, n) -> objects.call(s, b -> {
          b.changePin(o, n);
          return null;
        }));
        return out;
      }
      case RpcCall.C_LOGOUT: {
        Session s = sessionArgument(in);
        P11State.SlotState slot = state.slot(s.slot);
        if (slot.user < 0) {
          throw new CkrException(Ck.CKR_USER_NOT_LOGGED_IN);
        }
        objects.call(s, b -> {
          b.logout();
          return null;
        });
        slot.user = -1;
        return out;
      }
      default:
        if (objects.handles(id)) {
          return objects.handle(id, in, out);
        }
        if (crypto.handles(id)) {
          return crypto.handle(id, in, out);
        }
        state.requireInitialized();
        throw new CkrException(Ck.CKR_FUNCTION_NOT_SUPPORTED, RpcCall.name(id));
    }
  }

  private void initialize(RpcReader in) throws RpcFormatException, CkrException {
    byte[] handshake = in.byteArgument();
    in.u8();
    in.byteArgument();
    in.end();
    if (handshake == null || !Arrays.equals(handshake, HANDSHAKE)) {
      throw new CkrException(Ck.CKR_GENERAL_ERROR, "wrong RPC handshake string");
    }
    if (state.initialized) {
      throw new CkrException(Ck.CKR_CRYPTOKI_ALREADY_INITIALIZED);
    }
    state.initialized = true;
  }

  private RpcWriter slotList(RpcReader in, RpcWriter out)
      throws RpcFormatException, CkrException {
    in.u8(); // tokenPresent: every slot has its token
    long capacity = in.bufferCapacity();
    in.end();
    state.requireInitialized();
    List<Long> slots = state.backends.slots();
    if (capacity < slots.size()) {
      return out.ulongResult(null, slots.size());
    }
    return out.ulongResult(slots.stream().mapToLong(Long::longValue).toArray(), slots.size());
  }

  private RpcWriter slotInfo(RpcReader in, RpcWriter out)
      throws RpcFormatException, CkrException {
    long slot = slotArgument(in);
    return out.padded("openstc slot " + slot + " (STC channel to a partition)", 64)
        .padded("openstc", 32).ulong(Ck.CKF_TOKEN_PRESENT | Ck.CKF_HW_SLOT)
        .version(0, 1).version(0, 1);
  }

  private RpcWriter openSession(RpcReader in, RpcWriter out)
      throws RpcFormatException, CkrException {
    long slot = in.ulong();
    long flags = in.ulong();
    in.end();
    state.requireSlot(slot);
    if ((flags & Ck.CKF_SERIAL_SESSION) == 0) {
      throw new CkrException(Ck.CKR_SESSION_PARALLEL_NOT_SUPPORTED);
    }
    return out.ulong(state.open(slot, (flags & Ck.CKF_RW_SESSION) != 0).handle);
  }

  private RpcWriter sessionInfo(Session s, RpcWriter out) {
    long user = state.slot(s.slot).user;
    long st = user == Ck.CKU_SO ? Ck.CKS_RW_SO_FUNCTIONS
        : user >= 0 ? (s.readWrite ? Ck.CKS_RW_USER_FUNCTIONS : Ck.CKS_RO_USER_FUNCTIONS)
        : (s.readWrite ? Ck.CKS_RW_PUBLIC_SESSION : Ck.CKS_RO_PUBLIC_SESSION);
    long flags = Ck.CKF_SERIAL_SESSION | (s.readWrite ? Ck.CKF_RW_SESSION : 0);
    return out.ulong(s.slot).ulong(st).ulong(flags).ulong(0);
  }

  private RpcWriter login(RpcReader in, RpcWriter out) throws RpcFormatException, CkrException {
    long handle = in.ulong();
    long user = in.ulong();
    byte[] pin = in.byteArgument();
    Session s;
    int role;
    try {
      in.end();
      s = state.session(handle);
      role = user == Ck.CKU_SO ? 1 : user == Ck.CKU_USER ? 2 : user == Ck.CKU_CRYPTO_USER ? 3 : 0;
      if (role == 0) {
        throw new CkrException(Ck.CKR_USER_TYPE_INVALID, "user type " + user);
      }
    } catch (RpcFormatException | CkrException e) {
      PinArguments.wipe(pin);
      throw e;
    }
    PinArguments.with(pin, null, (p, unused) -> objects.call(s, b -> {
      b.login(role, p);
      return null;
    }));
    state.slot(s.slot).user = user;
    return out;
  }

  private long slotArgument(RpcReader in) throws RpcFormatException, CkrException {
    long slot = in.ulong();
    in.end();
    state.requireSlot(slot);
    return slot;
  }

  private Session sessionArgument(RpcReader in) throws RpcFormatException, CkrException {
    long handle = in.ulong();
    in.end();
    return state.session(handle);
  }
}
