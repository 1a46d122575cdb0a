package org.openstc.pkcs11;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openstc.client.Slot;
import org.openstc.client.StcClientException;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.PartitionInfo;
import org.openstc.command.Role;

/** A {@link Backend} on the client library's {@link Slot} (one STC channel). */
final class SlotBackend implements Backend {
  /** Tink's output prefix on SIGN results: a version byte and the 4-byte key id. */
  private static final int TINK_PREFIX = 5;

  private final Slot slot;
  /** OBJECT_INFO answers by handle: handles are never reused within a partition. */
  private final java.util.Map<Long, ObjectBodies.Info> infos = new java.util.HashMap<>();

  SlotBackend(Slot slot) {
    this.slot = slot;
  }

  private interface Op<T> {
    T run() throws StcClientException;
  }

  private static <T> T run(Op<T> op) throws CkrException {
    try {
      return op.run();
    } catch (StcClientException e) {
      throw ClientBackends.ckr(e);
    }
  }

  @Override
  public Info info() throws CkrException {
    PartitionInfo p = run(slot::info);
    return new Info(p.label(), p.serial(), p.initialized(), p.sizeBytes(), p.usedBytes());
  }

  @Override
  public void login(int role, char[] pin) throws CkrException {
    run(() -> {
      slot.login(role == 1 ? Role.PO : role == 2 ? Role.CO : Role.CU, pin);
      return null;
    });
  }

  @Override
  public void logout() throws CkrException {
    run(() -> {
      slot.logout();
      return null;
    });
  }

  @Override
  public void initUserPin(char[] pin) throws CkrException {
    run(() -> {
      slot.initPin(Role.CO, pin);
      return null;
    });
  }

  @Override
  public void changePin(char[] oldPin, char[] newPin) throws CkrException {
    run(() -> {
      slot.changePin(oldPin, newPin);
      return null;
    });
  }

  @Override
  public List<Entry> objects() throws CkrException {
    List<Entry> out = new ArrayList<>();
    for (ObjectBodies.Entry e : run(slot::objects)) {
      Kind kind = kind(e.type());
      byte[] spki = new byte[0];
      int valueLength = 0;
      if (kind != Kind.AES) {
        ObjectBodies.Info info = infos.get(e.handle());
        if (info == null) {
          info = run(() -> slot.objectInfo(e.handle()));
          infos.put(e.handle(), info);
        }
        spki = info.publicKeySpki();
        valueLength = info.valueLength();
      }
      out.add(new Entry(e.handle(), kind, e.label(), spki, valueLength));
    }
    return out;
  }

  @Override
  public long generate(Kind kind, String label) throws CkrException {
    return run(() -> slot.generate(type(kind), label));
  }

  @Override
  public long importAes(String label, byte[] key) throws CkrException {
    return run(() -> slot.importAesKey(label, key));
  }

  @Override
  public long create(Kind kind, String label, byte[] value) throws CkrException {
    return run(() -> slot.createObject(type(kind), label, value));
  }

  @Override
  public byte[] value(long handle) throws CkrException {
    return run(() -> slot.objectValue(handle));
  }

  @Override
  public void destroy(long handle) throws CkrException {
    run(() -> {
      slot.destroy(handle);
      return null;
    });
  }

  @Override
  public byte[] encryptGcm(long handle, byte[] iv, byte[] plaintext, byte[] aad, int tagBytes)
      throws CkrException {
    return run(() -> slot.encryptGcm(handle, iv, plaintext, aad, tagBytes));
  }

  @Override
  public byte[] decryptGcm(long handle, byte[] iv, byte[] ciphertext, byte[] aad, int tagBytes)
      throws CkrException {
    return run(() -> slot.decryptGcm(handle, iv, ciphertext, aad, tagBytes));
  }

  @Override
  public byte[] signDigest(long handle, byte[] digest) throws CkrException {
    return run(() -> slot.signDigest(handle, digest));
  }

  @Override
  public byte[] signEd25519(long handle, byte[] data) throws CkrException {
    byte[] sig = run(() -> slot.sign(handle, data));
    return sig.length == 64 + TINK_PREFIX ? Arrays.copyOfRange(sig, TINK_PREFIX, sig.length) : sig;
  }

  @Override
  public byte[] random(int length) throws CkrException {
    return run(() -> slot.random(length));
  }

  @Override
  public void close() {
    slot.close();
  }

  private static Kind kind(ObjectType type) throws CkrException {
    switch (type) {
      case AES256:
        return Kind.AES;
      case EC_P256:
        return Kind.EC_P256;
      case ED25519:
        return Kind.ED25519;
      case CERTIFICATE:
        return Kind.CERTIFICATE;
      case DATA:
        return Kind.DATA;
      default:
        throw new CkrException(Ck.CKR_GENERAL_ERROR, "unknown object type " + type);
    }
  }

  private static ObjectType type(Kind kind) {
    switch (kind) {
      case AES:
        return ObjectType.AES256;
      case EC_P256:
        return ObjectType.EC_P256;
      case ED25519:
        return ObjectType.ED25519;
      case CERTIFICATE:
        return ObjectType.CERTIFICATE;
      default:
        return ObjectType.DATA;
    }
  }
}
