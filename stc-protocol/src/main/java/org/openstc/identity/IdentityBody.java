package org.openstc.identity;

import static org.openstc.identity.IdentityFileException.Reason.BAD_CHECKSUM;
import static org.openstc.identity.IdentityFileException.Reason.BAD_KEY;
import static org.openstc.identity.IdentityFileException.Reason.BAD_MAGIC;
import static org.openstc.identity.IdentityFileException.Reason.TRAILING_DATA;
import static org.openstc.identity.IdentityFileException.Reason.TRUNCATED;
import static org.openstc.identity.IdentityFileException.Reason.UNKNOWN_KEY_TYPE;
import static org.openstc.identity.IdentityFileException.Reason.UNSUPPORTED_VERSION;
import static org.openstc.identity.IdentityFileException.Reason.WRONG_KIND;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/**
 * The binary body of an identity file (docs/identity-files.md, "Body"): magic, version, kind, key
 * type, serial, label, public key, CRC-32. All integers big-endian.
 */
final class IdentityBody {
  static final byte[] MAGIC = "STCIDENT".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int MAX_KEY_LENGTH = 1024;

  private IdentityBody() {}

  static byte[] encode(IdentityFile f) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.writeByte(f.kind().code());
      out.writeByte(f.keyType().code());
      out.writeLong(f.serial());
      byte[] label = f.label().getBytes(StandardCharsets.US_ASCII);
      out.writeByte(label.length);
      out.write(label);
      byte[] key = f.identity().publicKey();
      out.writeShort(key.length);
      out.write(key);
      out.writeInt((int) crc(bytes.toByteArray(), bytes.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static IdentityFile decode(byte[] body) throws IdentityFileException {
    ByteBuffer in = ByteBuffer.wrap(body);
    checkMagicAndVersion(in);
    int kindCode = u8(in);
    IdentityKind kind = IdentityKind.fromCode(kindCode);
    if (kind == null) {
      throw new IdentityFileException(WRONG_KIND, "unknown identity kind " + kindCode);
    }
    KeyType keyType = keyType(u8(in));
    long serial = need(in, 8).getLong();
    String label = new String(bytes(in, u8(in)), StandardCharsets.US_ASCII);
    PeerIdentity identity = identity(keyType, bytes(in, need(in, 2).getShort() & 0xffff));
    checkCrc(in, body);
    return IdentityFile.create(kind, label, serial, identity);
  }

  private static void checkMagicAndVersion(ByteBuffer in) throws IdentityFileException {
    byte[] magic = bytes(in, MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IdentityFileException(BAD_MAGIC, "not an openstc identity (wrong magic)");
    }
    int version = u8(in);
    if (version != VERSION) {
      throw new IdentityFileException(UNSUPPORTED_VERSION,
          "identity file format version " + version + " is not supported (this reads " + VERSION + ")");
    }
  }

  private static KeyType keyType(int code) throws IdentityFileException {
    try {
      return KeyType.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw new IdentityFileException(UNKNOWN_KEY_TYPE, "unknown key type code " + code);
    }
  }

  private static PeerIdentity identity(KeyType keyType, byte[] key) throws IdentityFileException {
    try {
      return PeerIdentity.of(keyType, key);
    } catch (InvalidKeyException e) {
      throw new IdentityFileException(BAD_KEY,
          "invalid " + keyType.label() + " public key: " + e.getMessage(), e);
    }
  }

  private static void checkCrc(ByteBuffer in, byte[] body) throws IdentityFileException {
    int covered = in.position();
    long stored = need(in, 4).getInt() & 0xffffffffL;
    if (stored != crc(body, covered)) {
      throw new IdentityFileException(BAD_CHECKSUM, "checksum mismatch: the file is damaged");
    }
    if (in.hasRemaining()) {
      throw new IdentityFileException(TRAILING_DATA, in.remaining() + " unexpected bytes after the checksum");
    }
  }

  private static long crc(byte[] data, int length) {
    CRC32 crc = new CRC32();
    crc.update(data, 0, length);
    return crc.getValue();
  }

  private static int u8(ByteBuffer in) throws IdentityFileException {
    return need(in, 1).get() & 0xff;
  }

  private static byte[] bytes(ByteBuffer in, int n) throws IdentityFileException {
    byte[] out = new byte[n];
    need(in, n).get(out);
    return out;
  }

  private static ByteBuffer need(ByteBuffer in, int n) throws IdentityFileException {
    if (in.remaining() < n) {
      throw new IdentityFileException(TRUNCATED, "identity body is truncated at byte " + in.position());
    }
    return in;
  }
}
