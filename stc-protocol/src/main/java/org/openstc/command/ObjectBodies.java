package org.openstc.command;

import java.util.ArrayList;
import java.util.List;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;

/**
 * Bodies of the key object commands (docs/protocol.md, Part 2). Handles are u32 and never reused
 * within a partition.
 * <ul>
 *   <li>{@link Opcode#OBJECT_GENERATE}: {@code u8 type || string label}; answers {@code u32 handle}.
 *   <li>{@link Opcode#OBJECT_DESTROY}, {@link Opcode#PUBLIC_KEY}: {@code u32 handle}.
 *   <li>{@link Opcode#ENCRYPT}, {@link Opcode#DECRYPT}, {@link Opcode#SIGN}: {@code u32 handle ||
 *       bytes data || bytes aad} (aad empty for SIGN); answers the output bytes, raw.
 *   <li>{@link Opcode#VERIFY}: {@code u32 handle || bytes data || bytes signature}; CKR_OK or
 *       CKR_SIGNATURE_INVALID, empty body.
 *   <li>{@link Opcode#OBJECT_LIST} takes {@code u32 start} and answers a {@link Page} of entries
 *       {@code u32 handle || u8 type || string label || u32 storedBytes}.
 *   <li>{@link Opcode#RANDOM}: {@code u32 length}; answers the bytes, raw.
 *   <li>{@link Opcode#OBJECT_INFO}, {@link Opcode#OBJECT_VALUE}: {@code u32 handle}; answer an
 *       {@link Info} and the value of a certificate or data object, raw.
 * </ul>
 * The bodies of the raw-crypto and object-creation commands are in {@link CryptoBodies}.
 */
public final class ObjectBodies {
  public static final int MAX_LABEL = 64;
  public static final int MAX_DATA = 64 * 1024;

  private ObjectBodies() {}

  /** An object's type: three key types, then certificates and data objects (no key material). */
  public enum ObjectType {
    AES256(1, "aes256"), EC_P256(2, "ecp256"), ED25519(3, "ed25519"),
    CERTIFICATE(4, "certificate"), DATA(5, "data");

    private final int code;
    private final String label;

    ObjectType(int code, String label) {
      this.code = code;
      this.label = label;
    }

    public int code() {
      return code;
    }

    public String label() {
      return label;
    }

    /** Whether objects of this type hold a key (OBJECT_GENERATE makes only these). */
    public boolean isKey() {
      return code <= 3;
    }

    public static ObjectType fromCode(int code) throws MalformedCommandException {
      for (ObjectType t : values()) {
        if (t.code == code) {
          return t;
        }
      }
      throw new MalformedCommandException("unknown object type code " + code);
    }
  }

  public record Generate(ObjectType type, String label) {
    public byte[] encode() {
      return new WireWriter().u8(type.code()).string(label).toByteArray();
    }

    public static Generate decode(byte[] body) throws MalformedCommandException {
      WireReader in = new WireReader(body);
      Generate g = new Generate(ObjectType.fromCode(in.u8()), in.string(MAX_LABEL));
      in.end();
      return g;
    }
  }

  /** ENCRYPT/DECRYPT/SIGN/VERIFY: a handle, the data and a second field (aad or signature). */
  public record Operation(long handle, byte[] data, byte[] extra) {
    public byte[] encode() {
      return new WireWriter().u32(handle).bytes(data).bytes(extra).toByteArray();
    }

    public static Operation decode(byte[] body) throws MalformedCommandException {
      WireReader in = new WireReader(body);
      Operation op = new Operation(in.u32(), in.bytes(MAX_DATA + 1024), in.bytes(MAX_DATA));
      in.end();
      return op;
    }
  }

  public record Entry(long handle, ObjectType type, String label, long storedBytes) {}

  /**
   * OBJECT_INFO's answer: {@code u8 type || string label || u32 keyId || bytes publicKey || u64
   * createdMillis || u32 valueLength}. {@code keyId} is the Tink key id of a key object (0 for
   * others); {@code publicKeySpki} the X.509 SubjectPublicKeyInfo DER of an EC or Ed25519 key
   * (empty for the rest); {@code createdMillis} 0 when the object predates the field;
   * {@code valueLength} the key length of an AES key (32), the value length of a certificate or
   * data object, 0 for EC and Ed25519 keys.
   */
  public record Info(ObjectType type, String label, long keyId, byte[] publicKeySpki,
      long createdMillis, int valueLength) {
    public byte[] encode() {
      return new WireWriter().u8(type.code()).string(label).u32(keyId).bytes(publicKeySpki)
          .u64(createdMillis).u32(valueLength).toByteArray();
    }

    public static Info decode(byte[] body) throws MalformedCommandException {
      WireReader in = new WireReader(body);
      Info i = new Info(ObjectType.fromCode(in.u8()), in.string(MAX_LABEL), in.u32(), in.bytes(1024),
          in.u64(), in.u32In("value length", 0, MAX_DATA));
      in.end();
      return i;
    }
  }

  public static byte[] encodeU32(long value) {
    return new WireWriter().u32(value).toByteArray();
  }

  public static long decodeU32(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    long v = in.u32();
    in.end();
    return v;
  }

  public static byte[] encodePage(Page<Entry> page) {
    WireWriter out = new WireWriter().u32(page.total()).u32(page.entries().size());
    for (Entry e : page.entries()) {
      out.u32(e.handle()).u8(e.type().code()).string(e.label()).u32(e.storedBytes());
    }
    return out.toByteArray();
  }

  /** The encoded size of one entry, for {@link Page#slice}. */
  public static int encodedSize(Entry e) {
    return 4 + 1 + 2 + ClientBodies.utf8Length(e.label()) + 4;
  }

  public static Page<Entry> decodePage(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    long total = in.u32();
    long count = in.u32();
    List<Entry> out = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      out.add(new Entry(in.u32(), ObjectType.fromCode(in.u8()), in.string(MAX_LABEL), in.u32()));
    }
    in.end();
    return new Page<>(total, out);
  }

  /** The entries of one page (the first page, for a request with start 0). */
  public static List<Entry> decodeList(byte[] body) throws MalformedCommandException {
    return decodePage(body).entries();
  }
}
