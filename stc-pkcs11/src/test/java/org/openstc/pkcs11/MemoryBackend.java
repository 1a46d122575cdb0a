package org.openstc.pkcs11;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partition in memory, for testing the RPC layer alone: the same object model and PKCS#11
 * results as a partition (login needed for objects, CO for changes), JCA cryptography.
 */
final class MemoryBackend implements Backend {
  /** Shared state of the "partition" behind every channel opened to it. */
  static final class Store {
    final Map<Long, Object[]> objects = new LinkedHashMap<>();
    long next = 1;
    int opened;
    int closed;
    String pin = "userpin1";
  }

  private final Store store;
  private int role;

  MemoryBackend(Store store) {
    this.store = store;
    synchronized (store) {
      store.opened++;
    }
  }

  static Backends backends(Store store, long... slots) {
    return new Backends() {
      @Override
      public List<Long> slots() {
        List<Long> out = new ArrayList<>();
        for (long s : slots) {
          out.add(s);
        }
        return out;
      }

      @Override
      public Backend open(long slot) {
        return new MemoryBackend(store);
      }
    };
  }

  @Override
  public Info info() {
    return new Info("memory", 1234, true, 1 << 20, 100);
  }

  @Override
  public void login(int r, char[] pin) throws CkrException {
    if (role != 0) {
      throw new CkrException(0x100);
    }
    if (!store.pin.equals(new String(pin))) {
      throw new CkrException(Ck.CKR_PIN_INCORRECT);
    }
    role = r;
  }

  @Override
  public void logout() {
    role = 0;
  }

  @Override
  public void initUserPin(char[] pin) throws CkrException {
    if (role != 1) {
      throw new CkrException(Ck.CKR_USER_NOT_LOGGED_IN);
    }
    store.pin = new String(pin);
  }

  @Override
  public void changePin(char[] oldPin, char[] newPin) throws CkrException {
    user();
    if (!store.pin.equals(new String(oldPin))) {
      throw new CkrException(Ck.CKR_PIN_INCORRECT);
    }
    store.pin = new String(newPin);
  }

  private void user() throws CkrException {
    if (role == 0) {
      throw new CkrException(Ck.CKR_USER_NOT_LOGGED_IN);
    }
  }

  @Override
  public synchronized List<Entry> objects() throws CkrException {
    user();
    List<Entry> out = new ArrayList<>();
    synchronized (store) {
      for (Map.Entry<Long, Object[]> e : store.objects.entrySet()) {
        Object[] o = e.getValue();
        byte[] spki = o[2] instanceof KeyPair ? ((KeyPair) o[2]).getPublic().getEncoded() : new byte[0];
        out.add(new Entry(e.getKey(), (Kind) o[0], (String) o[1], spki, 0));
      }
    }
    return out;
  }

  private long put(Kind kind, String label, Object material) throws CkrException {
    user();
    synchronized (store) {
      long h = store.next++;
      store.objects.put(h, new Object[] {kind, label, material});
      return h;
    }
  }

  private Object material(long handle) throws CkrException {
    user();
    synchronized (store) {
      Object[] o = store.objects.get(handle);
      if (o == null) {
        throw new CkrException(Ck.CKR_KEY_HANDLE_INVALID);
      }
      return o[2];
    }
  }

  @Override
  public long generate(Kind kind, String label) throws CkrException {
    try {
      if (kind == Kind.AES) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return put(kind, label, k);
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance(kind == Kind.EC_P256 ? "EC" : "Ed25519");
      if (kind == Kind.EC_P256) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return put(kind, label, g.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new CkrException(Ck.CKR_GENERAL_ERROR, e.toString());
    }
  }

  @Override
  public long importAes(String label, byte[] key) throws CkrException {
    return put(Kind.AES, label, key.clone());
  }

  @Override
  public long create(Kind kind, String label, byte[] value) throws CkrException {
    return put(kind, label, value.clone());
  }

  @Override
  public byte[] value(long handle) throws CkrException {
    return ((byte[]) material(handle)).clone();
  }

  @Override
  public void destroy(long handle) throws CkrException {
    material(handle);
    synchronized (store) {
      store.objects.remove(handle);
    }
  }

  @Override
  public byte[] encryptGcm(long h, byte[] iv, byte[] pt, byte[] aad, int tag) throws CkrException {
    return gcm(Cipher.ENCRYPT_MODE, h, iv, pt, aad, tag);
  }

  @Override
  public byte[] decryptGcm(long h, byte[] iv, byte[] ct, byte[] aad, int tag) throws CkrException {
    return gcm(Cipher.DECRYPT_MODE, h, iv, ct, aad, tag);
  }

  private byte[] gcm(int mode, long h, byte[] iv, byte[] in, byte[] aad, int tag)
      throws CkrException {
    byte[] key = (byte[]) material(h);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(tag * 8, iv));
      c.updateAAD(aad);
      return c.doFinal(in);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new CkrException(Ck.CKR_ENCRYPTED_DATA_INVALID);
    } catch (GeneralSecurityException e) {
      throw new CkrException(Ck.CKR_GENERAL_ERROR, e.toString());
    }
  }

  @Override
  public byte[] signDigest(long h, byte[] digest) throws CkrException {
    try {
      Signature s = Signature.getInstance("NONEwithECDSAinP1363Format");
      s.initSign(((KeyPair) material(h)).getPrivate());
      s.update(digest);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new CkrException(Ck.CKR_GENERAL_ERROR, e.toString());
    }
  }

  @Override
  public byte[] signEd25519(long h, byte[] data) throws CkrException {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(((KeyPair) material(h)).getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new CkrException(Ck.CKR_GENERAL_ERROR, e.toString());
    }
  }

  @Override
  public byte[] random(int length) {
    byte[] b = new byte[length];
    new SecureRandom().nextBytes(b);
    return b;
  }

  @Override
  public void close() {
    synchronized (store) {
      store.closed++;
    }
  }
}
