package org.openstc.command;

import org.openstc.command.ObjectBodies.ObjectType;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * Bodies of the commands PKCS#11 and JCA callers need beyond Tink's formats (docs/protocol.md,
 * Part 2, section 30): raw AES-GCM with the caller's IV, ECDSA over a caller's digest, importing an
 * AES key, and creating certificate and data objects.
 */
public final class CryptoBodies {
  public static final int MAX_IV = 128;
  public static final int MIN_TAG = 12;
  public static final int MAX_TAG = 16;
  public static final int MAX_DIGEST = 64;
  public static final int AES_KEY_BYTES = 32;

  private CryptoBodies() {}

  /**
   * ENCRYPT_GCM and DECRYPT_GCM: {@code u32 handle || bytes iv(1..128) || bytes data || bytes
   * aad(≤65536) || u8 tagBytes(12..16)}; {@code data} is the plaintext (≤65536) or the ciphertext
   * followed by the tag (≤65536 + tagBytes).
   */
  public record Gcm(long handle, byte[] iv, byte[] data, byte[] aad, int tagBytes) {
    public byte[] encode() {
      return new WireWriter().u32(handle).bytes(iv).bytes(data).bytes(aad).u8(tagBytes).toByteArray();
    }

    public static Gcm decode(byte[] body, boolean decrypt) throws MalformedCommandException {
      WireReader in = new WireReader(body);
      long handle = in.u32();
      byte[] iv = in.bytes(MAX_IV);
      byte[] data = in.bytes(ObjectBodies.MAX_DATA + (decrypt ? MAX_TAG : 0));
      byte[] aad = in.bytes(ObjectBodies.MAX_DATA);
      int tag = in.u8();
      in.end();
      if (iv.length == 0) {
        throw new MalformedCommandException("the IV is empty (1.." + MAX_IV + " bytes)");
      }
      if (tag < MIN_TAG || tag > MAX_TAG) {
        throw new MalformedCommandException("tag length " + tag + " is out of range (" + MIN_TAG + ".." + MAX_TAG + " bytes)");
      }
      if (decrypt && data.length > ObjectBodies.MAX_DATA + tag) {
        throw new MalformedCommandException("ciphertext of " + data.length + " bytes exceeds " + ObjectBodies.MAX_DATA
            + " bytes plus the tag");
      }
      return new Gcm(handle, iv, data, aad, tag);
    }
  }

  /** SIGN_DIGEST: {@code u32 handle || bytes digest(1..64)}; answers raw {@code r || s}. */
  public record Digest(long handle, byte[] digest) {
    public byte[] encode() {
      return new WireWriter().u32(handle).bytes(digest).toByteArray();
    }

    public static Digest decode(byte[] body) throws MalformedCommandException {
      WireReader in = new WireReader(body);
      Digest d = new Digest(in.u32(), in.bytes(MAX_DIGEST));
      in.end();
      if (d.digest.length == 0) {
        throw new MalformedCommandException("the digest is empty (1.." + MAX_DIGEST + " bytes)");
      }
      return d;
    }
  }

  /**
   * OBJECT_IMPORT ({@code type} 1, a 32-byte AES key) and OBJECT_CREATE ({@code type} 4 or 5, a
   * value of 1..65536 bytes): {@code u8 type || string label(≤64) || bytes value}; both answer
   * {@code u32 handle}.
   */
  public record NewObject(ObjectType type, String label, byte[] value) {
    /** The encoding; the writer's buffer is wiped, as the value may be a secret key. */
    public byte[] encode() {
      WireWriter out = new WireWriter().u8(type.code()).string(label).bytes(value);
      try {
        return out.toByteArray();
      } finally {
        out.wipe();
      }
    }

    public static NewObject decode(byte[] body) throws MalformedCommandException {
      WireReader in = new WireReader(body);
      NewObject o = new NewObject(ObjectType.fromCode(in.u8()), in.string(ObjectBodies.MAX_LABEL),
          in.bytes(ObjectBodies.MAX_DATA));
      in.end();
      return o;
    }

    /** OBJECT_IMPORT's check: an AES-256 key of exactly 32 bytes. */
    public NewObject requireImport() throws MalformedCommandException {
      if (type != ObjectType.AES256 || value.length != AES_KEY_BYTES) {
        throw new MalformedCommandException("OBJECT_IMPORT takes type 1 (aes256) with a 32-byte key, not "
            + type.label() + " with " + value.length + " bytes");
      }
      return this;
    }

    /** OBJECT_CREATE's check: a certificate or data object with a value of 1..65536 bytes. */
    public NewObject requireCreate() throws MalformedCommandException {
      if (type.isKey()) {
        throw new MalformedCommandException("OBJECT_CREATE makes certificate (4) and data (5) objects, not "
            + type.label());
      }
      if (value.length == 0) {
        throw new MalformedCommandException("the value is empty (1.." + ObjectBodies.MAX_DATA + " bytes)");
      }
      return this;
    }
  }
}
