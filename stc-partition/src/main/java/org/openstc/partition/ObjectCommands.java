package org.openstc.partition;

import java.security.SecureRandom;
import java.util.Arrays;
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

/**
 * Objects (generate, import, create, list, info, value, destroy), their operations (Tink
 * encrypt/decrypt and sign/verify, raw AES-GCM, ECDSA over a digest, public key), RANDOM.
 */
final class ObjectCommands {
  /** The most random bytes one RANDOM returns. */
  static final int MAX_RANDOM = 65536;
  private static final byte[] EMPTY = new byte[0];

  private final KeyObjects objects;
  private final CloningDomains domains;
  private final SecureRandom random = new SecureRandom();

  ObjectCommands(HostStore store) {
    this.objects = store.objects();
    this.domains = store.domains();
  }

  void register(Map<Opcode, Handler> h) {
    h.put(Opcode.RANDOM, (s, p, body) -> random(body));
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
    registerOperations(h);
    registerRawOperations(h);
  }

  private void registerRawOperations(Map<Opcode, Handler> h) {
    h.put(Opcode.ENCRYPT_GCM, (s, p, body) -> {
      Gcm g = Gcm.decode(body, false);
      return objects.encryptGcm(p.serial(), g.handle(), g.iv(), g.data(), g.aad(), g.tagBytes());
    });
    h.put(Opcode.DECRYPT_GCM, (s, p, body) -> {
      Gcm g = Gcm.decode(body, true);
      return objects.decryptGcm(p.serial(), g.handle(), g.iv(), g.data(), g.aad(), g.tagBytes());
    });
    h.put(Opcode.SIGN_DIGEST, (s, p, body) -> {
      CryptoBodies.Digest d = CryptoBodies.Digest.decode(body);
      return objects.signDigest(p.serial(), d.handle(), d.digest());
    });
  }

  private void registerOperations(Map<Opcode, Handler> h) {
    h.put(Opcode.ENCRYPT, (s, p, body) -> {
      Operation op = Operation.decode(body);
      return objects.encrypt(p.serial(), op.handle(), limit(op.data(), ObjectBodies.MAX_DATA), op.extra());
    });
    h.put(Opcode.DECRYPT, (s, p, body) -> {
      Operation op = Operation.decode(body);
      return objects.decrypt(p.serial(), op.handle(), op.data(), op.extra());
    });
    h.put(Opcode.SIGN, (s, p, body) -> {
      Operation op = Operation.decode(body);
      requireNoExtra(op.extra());
      return objects.sign(p.serial(), op.handle(), limit(op.data(), ObjectBodies.MAX_DATA));
    });
    h.put(Opcode.VERIFY, (s, p, body) -> {
      Operation op = Operation.decode(body);
      // The data SIGN accepts, no more (section 30); the signature's own bound is the body's.
      objects.verify(p.serial(), op.handle(), limit(op.data(), ObjectBodies.MAX_DATA), op.extra());
      return EMPTY;
    });
  }

  private byte[] random(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    int n = in.u32In("random length", 1, MAX_RANDOM);
    in.end();
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
