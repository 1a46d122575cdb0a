package org.openstc.pkcs11;

import java.util.ArrayList;
import java.util.List;

/**
 * The object calls: FindObjects*, GetAttributeValue, CreateObject, DestroyObject, GenerateKey
 * and GenerateKeyPair, on the partition objects seen as {@link P11Object}s.
 */
final class ObjectCalls {
  /** The most handles one C_FindObjects answer carries. */
  static final int MAX_FIND = 4096;

  private final P11State state;
  private final ObjectTemplates templates = new ObjectTemplates();

  ObjectCalls(P11State state) {
    this.state = state;
  }

  /** Something done on a session's partition; a channel failure drops that channel. */
  interface Call<T> {
    T run(Backend backend) throws CkrException;
  }

  <T> T call(Session s, Call<T> call) throws CkrException {
    Backend b = state.backend(s.slot);
    try {
      return call.run(b);
    } catch (CkrException e) {
      if (e.ckr() == Ck.CKR_DEVICE_ERROR || e.ckr() == Ck.CKR_DEVICE_REMOVED) {
        state.dropBackend(s.slot);
      }
      throw e;
    }
  }

  boolean handles(int id) {
    return id == RpcCall.C_FIND_OBJECTS_INIT || id == RpcCall.C_FIND_OBJECTS
        || id == RpcCall.C_FIND_OBJECTS_FINAL || id == RpcCall.C_GET_ATTRIBUTE_VALUE
        || id == RpcCall.C_CREATE_OBJECT || id == RpcCall.C_DESTROY_OBJECT
        || id == RpcCall.C_GENERATE_KEY || id == RpcCall.C_GENERATE_KEY_PAIR;
  }

  RpcWriter handle(int id, RpcReader in, RpcWriter out) throws RpcFormatException, CkrException {
    long handle = in.ulong();
    switch (id) {
      case RpcCall.C_FIND_OBJECTS_INIT: {
        List<Attribute> template = in.attributes();
        in.end();
        Session s = state.session(handle);
        if (s.found != null) {
          throw new CkrException(Ck.CKR_OPERATION_ACTIVE, "a search is open");
        }
        s.found = find(s, template);
        s.foundNext = 0;
        return out;
      }
      case RpcCall.C_FIND_OBJECTS: {
        long max = in.bufferCapacity();
        in.end();
        Session s = state.session(handle);
        if (s.found == null) {
          throw new CkrException(Ck.CKR_OPERATION_NOT_INITIALIZED);
        }
        int n = (int) Math.min(Math.min(max, MAX_FIND), s.found.length - s.foundNext);
        long[] page = java.util.Arrays.copyOfRange(s.found, s.foundNext, s.foundNext + n);
        s.foundNext += n;
        return out.ulongResult(page, n);
      }
      case RpcCall.C_FIND_OBJECTS_FINAL: {
        in.end();
        Session s = state.session(handle);
        if (s.found == null) {
          throw new CkrException(Ck.CKR_OPERATION_NOT_INITIALIZED);
        }
        s.found = null;
        return out;
      }
      case RpcCall.C_GET_ATTRIBUTE_VALUE: {
        long object = in.ulong();
        List<Attribute.Request> asked = in.attributeRequests();
        in.end();
        Session s = state.session(handle);
        P11Object o = object(s, object);
        return call(s, b -> new AttributeAnswers(b, o).write(asked, out));
      }
      case RpcCall.C_DESTROY_OBJECT: {
        long object = in.ulong();
        in.end();
        Session s = writable(handle);
        P11Object o = object(s, object);
        call(s, b -> {
          b.destroy(o.entry().handle());
          return null;
        });
        return out;
      }
      case RpcCall.C_CREATE_OBJECT: {
        List<Attribute> template = in.attributes();
        in.end();
        Session s = writable(handle);
        long h = call(s, b -> templates.create(b, template));
        return out.ulong(P11Object.handleOf(h, false));
      }
      case RpcCall.C_GENERATE_KEY: {
        Mechanism m = in.mechanism();
        List<Attribute> template = in.attributes();
        in.end();
        Session s = writable(handle);
        long h = call(s, b -> templates.generateKey(b, m, template));
        return out.ulong(P11Object.handleOf(h, false));
      }
      default: { // C_GENERATE_KEY_PAIR
        Mechanism m = in.mechanism();
        List<Attribute> pub = in.attributes();
        List<Attribute> priv = in.attributes();
        in.end();
        Session s = writable(handle);
        long h = call(s, b -> templates.generateKeyPair(b, m, pub, priv));
        return out.ulong(P11Object.handleOf(h, true)).ulong(P11Object.handleOf(h, false));
      }
    }
  }

  /** Every PKCS#11 object of the session's partition (none when nobody is logged in). */
  List<P11Object> all(Session s) throws CkrException {
    List<Backend.Entry> entries;
    try {
      entries = call(s, Backend::objects);
    } catch (CkrException e) {
      if (e.ckr() == Ck.CKR_USER_NOT_LOGGED_IN) {
        return List.of();
      }
      throw e;
    }
    List<P11Object> out = new ArrayList<>();
    for (Backend.Entry e : entries) {
      byte[] id = P11Object.idOf(e.handle());
      if (e.kind() == Backend.Kind.CERTIFICATE) {
        for (Backend.Entry key : entries) {
          if (key.kind() != Backend.Kind.CERTIFICATE && key.kind() != Backend.Kind.DATA
              && key.label().equals(e.label())) {
            id = P11Object.idOf(key.handle());
          }
        }
      }
      out.add(new P11Object(e, false, id));
      if (P11Object.isKeyPair(e.kind())) {
        out.add(new P11Object(e, true, id));
      }
    }
    return out;
  }

  /** The object with PKCS#11 handle {@code handle}, or CKR_OBJECT_HANDLE_INVALID. */
  P11Object object(Session s, long handle) throws CkrException {
    for (P11Object o : all(s)) {
      if (o.handle() == handle) {
        return o;
      }
    }
    throw new CkrException(Ck.CKR_OBJECT_HANDLE_INVALID, "no object " + handle);
  }

  private long[] find(Session s, List<Attribute> template) throws CkrException {
    List<Long> hits = new ArrayList<>();
    for (P11Object o : all(s)) {
      if (call(s, b -> new AttributeAnswers(b, o).matches(template))) {
        hits.add(o.handle());
      }
    }
    return hits.stream().mapToLong(Long::longValue).toArray();
  }

  private Session writable(long handle) throws CkrException {
    Session s = state.session(handle);
    if (!s.readWrite) {
      throw new CkrException(0xB5 /* CKR_SESSION_READ_ONLY */, "read-only session");
    }
    return s;
  }
}
