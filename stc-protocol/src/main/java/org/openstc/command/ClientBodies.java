package org.openstc.command;

import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.List;
import org.openstc.command.internal.WireReader;
import org.openstc.command.internal.WireWriter;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/**
 * Bodies of the stcconfig client commands. {@link Opcode#CLIENT_REGISTER}: {@code string label ||
 * u8 keyType || bytes publicKey || string expectedFingerprint} (empty = none);
 * {@link Opcode#CLIENT_DEREGISTER}: {@code string label}; {@link Opcode#CLIENT_LIST} takes {@code u32
 * start} and answers a {@link Page} of entries {@code string label || u8 keyType || string
 * fingerprint || u64 registeredMillis}; CLIENT_REGISTER answers a page holding the new entry.
 * {@link Opcode#CLIENT_REGISTER_HTL}: {@link RegisterHtl}.
 */
public final class ClientBodies {
  public static final int MAX_LABEL = 64;
  private static final int MAX_KEY = 256;
  private static final int MAX_FINGERPRINT = 128;

  private ClientBodies() {}

  /** A registration request; {@code expectedFingerprint} is empty when none was given. */
  public record Register(String label, PeerIdentity identity, String expectedFingerprint) {
    public byte[] encode() {
      return new WireWriter().string(label).u8(identity.keyType().code())
          .bytes(identity.publicKey()).string(expectedFingerprint).toByteArray();
    }

    public static Register decode(byte[] body) throws MalformedCommandException {
      WireReader in = new WireReader(body);
      Register r = read(in);
      in.end();
      return r;
    }

    private static Register read(WireReader in) throws MalformedCommandException {
      String label = in.string(MAX_LABEL);
      KeyType type = keyType(in.u8());
      PeerIdentity identity = toIdentity(type, in.bytes(MAX_KEY));
      return new Register(label, identity, in.string(MAX_FINGERPRINT));
    }
  }

  /**
   * {@link Opcode#CLIENT_REGISTER_HTL}: a registration that requires HTL (docs/protocol.md section
   * 42), {@code Register || u32 ottExpirySeconds (0 = the host's default) || bool generateOtt}; the
   * answer is the one-time token file ({@link HtlToken}), empty without {@code generateOtt}.
   */
  public record RegisterHtl(Register registration, int ottExpirySeconds, boolean generateOtt) {
    public byte[] encode() {
      return new WireWriter().raw(registration.encode()).u32(ottExpirySeconds).bool(generateOtt)
          .toByteArray();
    }

    public static RegisterHtl decode(byte[] body) throws MalformedCommandException {
      WireReader in = new WireReader(body);
      Register r = Register.read(in);
      long expiry = in.u32();
      if (expiry > Integer.MAX_VALUE) {
        throw new MalformedCommandException("OTT expiry of " + expiry + " seconds");
      }
      boolean generate = in.bool();
      in.end();
      return new RegisterHtl(r, (int) expiry, generate);
    }
  }

  /** One registered client as {@code clientlist} shows it. */
  public record Entry(String label, KeyType keyType, String fingerprint, long registeredMillis) {}

  public static byte[] encodeLabel(String label) {
    return new WireWriter().string(label).toByteArray();
  }

  public static String decodeLabel(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    String label = in.string(MAX_LABEL);
    in.end();
    return label;
  }

  /** A whole list as one page. */
  public static byte[] encodeList(List<Entry> entries) {
    return encodePage(new Page<>(entries.size(), entries));
  }

  public static byte[] encodePage(Page<Entry> page) {
    WireWriter out = new WireWriter().u32(page.total()).u32(page.entries().size());
    for (Entry e : page.entries()) {
      out.string(e.label()).u8(e.keyType().code()).string(e.fingerprint()).u64(e.registeredMillis());
    }
    return out.toByteArray();
  }

  /** The encoded size of one entry, for {@link Page#slice}. */
  public static int encodedSize(Entry e) {
    return 2 + utf8Length(e.label()) + 1 + 2 + utf8Length(e.fingerprint()) + 8;
  }

  public static Page<Entry> decodePage(byte[] body) throws MalformedCommandException {
    WireReader in = new WireReader(body);
    long total = in.u32();
    long count = in.u32();
    List<Entry> out = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      out.add(new Entry(in.string(MAX_LABEL), keyType(in.u8()), in.string(MAX_FINGERPRINT), in.u64()));
    }
    in.end();
    return new Page<>(total, out);
  }

  /** The entries of one page (the first page, for a request with start 0). */
  public static List<Entry> decodeList(byte[] body) throws MalformedCommandException {
    return decodePage(body).entries();
  }

  static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  static KeyType keyType(int code) throws MalformedCommandException {
    try {
      return KeyType.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw new MalformedCommandException("unknown key type code " + code);
    }
  }

  private static PeerIdentity toIdentity(KeyType type, byte[] key) throws MalformedCommandException {
    try {
      return PeerIdentity.of(type, key);
    } catch (InvalidKeyException e) {
      throw new MalformedCommandException("invalid " + type.label() + " public key: " + e.getMessage());
    }
  }
}
