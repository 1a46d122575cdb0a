package org.openstc.partition;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.openstc.command.CryptoBodies;
import org.openstc.command.CryptoBodies.Gcm;
import org.openstc.command.CryptoBodies.NewObject;
import org.openstc.command.MalformedCommandException;
import org.openstc.command.ObjectBodies;
import org.openstc.command.ObjectBodies.Generate;
import org.openstc.command.ObjectBodies.Operation;
import org.openstc.command.Opcode;
import org.openstc.command.Page;
import org.openstc.command.internal.WireReader;
import org.openstc.partition.store.CloningDomains;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.KeyObjects;
import org.openstc.partition.store.ObjectCrypto;
import org.openstc.partition.store.PartitionCache;
import org.openstc.partition.store.StoreException;

/**
 * Objects (generate, import, create, list, info, value, destroy), their operations (Tink
 * encrypt/decrypt and sign/verify, raw AES-GCM, ECDSA over a digest, public key), RANDOM.
 */
final class ObjectCommands {
  /** The most random bytes one RANDOM returns. */
  static final int MAX_RANDOM = 65536;
  /** The largest RANDOM answered on the I/O thread. */
  static final int INLINE_RANDOM = 1024;
  private static final byte[] EMPTY = new byte[0];

  private final KeyObjects objects;
  private final CloningDomains domains;
  private final SecureRandom random = new SecureRandom();
  private final Map<Opcode, KeyOperation> operations = new EnumMap<>(Opcode.class);

  ObjectCommands(HostStore store) {
    this.objects = store.objects();
    this.domains = store.domains();
  }

  void register(Map<Opcode, Handler> h) {
    h.put(Opcode.RANDOM, (s, p, body) -> randomBytes(randomLength(body)));
    h.put(Opcode.OBJECT_GENERATE, (s, p, body) -> {
      Generate g = Generate.decode(body);
      return ObjectBodies.encodeU32(objects.generate(p.serial(), g.type(), g.label()).handle());
    });
    h.put(Opcode.OBJECT_LIST, (s, p, body) -> ObjectBodies.encodePage(Page.slice(
        objects.list(p.serial()), Page.decodeStart(body), ObjectBodies::encodedSize)));
    h.put(Opcode.OBJECT_DESTROY, (s, p, body) -> {
      objects.destroy(p.serial(), ObjectBodies.decodeU32(body));
      return EMPTY;
    });
    h.put(Opcode.PUBLIC_KEY, (s, p, body) -> objects.publicKeyset(p.serial(), ObjectBodies.decodeU32(body)));
    h.put(Opcode.OBJECT_INFO, (s, p, body) -> objects.info(p.serial(), ObjectBodies.decodeU32(body)).encode());
    h.put(Opcode.OBJECT_VALUE, (s, p, body) -> objects.value(p.serial(), ObjectBodies.decodeU32(body)));
    h.put(Opcode.OBJECT_IMPORT, (s, p, body) -> {
      NewObject o = NewObject.decode(body);
      try {
        o.requireImport();
        return ObjectBodies.encodeU32(objects.importAes(p.serial(), o.label(), o.value()).handle());
      } finally {
        Arrays.fill(o.value(), (byte) 0);
        Arrays.fill(body, (byte) 0);
      }
    });
    h.put(Opcode.OBJECT_CREATE, (s, p, body) -> {
      NewObject o = NewObject.decode(body).requireCreate();
      return ObjectBodies.encodeU32(objects.create(p.serial(), o.type(), o.label(), o.value()).handle());
    });
    h.put(Opcode.CLONING_DOMAIN_SET, (s, p, body) -> {
      try {
        domains.set(p.serial(), body);
      } finally {
        java.util.Arrays.fill(body, (byte) 0);
      }
      return EMPTY;
    });
    h.put(Opcode.OBJECT_EXPORT, (s, p, body) -> domains.export(p.serial(), ObjectBodies.decodeU32(body)));
    h.put(Opcode.OBJECT_IMPORT_WRAPPED, (s, p, body) ->
        ObjectBodies.encodeU32(domains.importWrapped(p.serial(), body).handle()));
    registerOperations();
  }

  /** What a key operation does with the loaded key once its body is decoded. */
  @FunctionalInterface
  private interface KeyWork {
    byte[] run(ObjectCrypto key) throws StoreException;
  }

  /** A decoded key operation: the key object it names and what to do with it. */
  private record KeyUse(long handle, KeyWork work) {}

  /** Decodes a key operation's body (a malformed body is refused before any key is read). */
  @FunctionalInterface
  private interface KeyOperation {
    KeyUse decode(byte[] body) throws MalformedCommandException;
  }

  private void registerOperations() {
    operations.put(Opcode.ENCRYPT, body -> {
      Operation op = Operation.decode(body);
      byte[] data = limit(op.data(), ObjectBodies.MAX_DATA);
      return new KeyUse(op.handle(), k -> k.encrypt(data, op.extra()));
    });
    operations.put(Opcode.DECRYPT, body -> {
      Operation op = Operation.decode(body);
      return new KeyUse(op.handle(), k -> k.decrypt(op.data(), op.extra()));
    });
    operations.put(Opcode.SIGN, body -> {
      Operation op = Operation.decode(body);
      requireNoExtra(op.extra());
      byte[] data = limit(op.data(), ObjectBodies.MAX_DATA);
      return new KeyUse(op.handle(), k -> k.sign(data));
    });
    operations.put(Opcode.VERIFY, body -> {
      Operation op = Operation.decode(body);
      // The data SIGN accepts, no more (section 30); the signature's own bound is the body's.
      byte[] data = limit(op.data(), ObjectBodies.MAX_DATA);
      return new KeyUse(op.handle(), k -> {
        k.verify(data, op.extra());
        return EMPTY;
      });
    });
    operations.put(Opcode.ENCRYPT_GCM, body -> {
      Gcm g = Gcm.decode(body, false);
      return new KeyUse(g.handle(), k -> k.encryptGcm(g.iv(), g.data(), g.aad(), g.tagBytes()));
    });
    operations.put(Opcode.DECRYPT_GCM, body -> {
      Gcm g = Gcm.decode(body, true);
      return new KeyUse(g.handle(), k -> k.decryptGcm(g.iv(), g.data(), g.aad(), g.tagBytes()));
    });
    operations.put(Opcode.SIGN_DIGEST, body -> {
      CryptoBodies.Digest d = CryptoBodies.Digest.decode(body);
      return new KeyUse(d.handle(), k -> k.signDigest(d.digest()));
    });
  }

  /** Whether {@code opcode} is a single-part operation with a key object (ENCRYPT, SIGN, ...). */
  boolean isKeyOperation(Opcode opcode) {
    return operations.containsKey(opcode);
  }

  /** Whether {@link #runCached} may answer {@code opcode}. */
  boolean mayRunCached(Opcode opcode) {
    return opcode == Opcode.RANDOM || isKeyOperation(opcode);
  }

  /** Runs a key operation on the partition as of {@code view} (whose stamp is the last commit). */
  byte[] runKeyOperation(Opcode opcode, PartitionCache.View view, byte[] body)
      throws MalformedCommandException, StoreException {
    KeyUse use = operations.get(opcode).decode(body);
    return use.work().run(objects.use(view.record().serial(), use.handle(), view.stamp()));
  }

  /**
   * Runs {@code opcode} if it needs no store read (a key operation with a loaded key confirmed at
   * the view's stamp) and, for RANDOM, at most {@link #INLINE_RANDOM} bytes: for the I/O thread,
   * whose time the server bounds per read batch ({@code InlineBudget}). Null when not, having done
   * nothing.
   */
  byte[] runCached(Opcode opcode, PartitionCache.View view, byte[] body)
      throws MalformedCommandException, StoreException {
    if (opcode == Opcode.RANDOM) {
      int n = randomLength(body);
      return n <= INLINE_RANDOM ? randomBytes(n) : null;
    }
    KeyUse use = operations.get(opcode).decode(body);
    ObjectCrypto key = objects.cached(view.record().serial(), use.handle(), view.stamp());
    return key != null ? use.work().run(key) : null;
  }

  private static int randomLength(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    int n = in.u32In("random length", 1, MAX_RANDOM);
    in.end();
    return n;
  }

  private byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  private static byte[] limit(byte[] data, int max) throws MalformedCommandException {
    if (data.length > max) {
      throw new MalformedCommandException("data of " + data.length + " bytes exceeds " + max);
    }
    return data;
  }

  private static void requireNoExtra(byte[] extra) throws MalformedCommandException {
    if (extra.length != 0) {
      throw new MalformedCommandException("SIGN takes no second field");
    }
  }
}
