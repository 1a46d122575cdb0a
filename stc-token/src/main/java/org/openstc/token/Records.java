package org.openstc.token;

import static org.openstc.token.TokenException.Reason.CORRUPT;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.time.Instant;
import org.openstc.stc.KeyType;
import org.openstc.stc.PeerIdentity;

/**
 * Binary encodings of the token's records (schema version 1). Values are length-prefixed fields,
 * big-endian; a record that does not decode exactly is reported as {@code CORRUPT}.
 */
final class Records {
  private Records() {}

  static byte[] key(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] serialKey(long serial) {
    return ByteBuffer.allocate(8).putLong(serial).array();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static long u64(byte[] b) throws TokenException {
    if (b == null || b.length != 8) {
      throw new TokenException(CORRUPT, "the token store is damaged: bad counter");
    }
    return ByteBuffer.wrap(b).getLong();
  }

  /** kind code, label, public key, time: used for the client identity and for partitions. */
  static byte[] encodeIdentity(String label, PeerIdentity id, Instant time) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(id.keyType().code());
      writeBytes(out, utf8(label));
      writeBytes(out, id.publicKey());
      writeBytes(out, utf8(id.fingerprint()));
      out.writeLong(time.toEpochMilli());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Decoded fields of {@link #encodeIdentity}. */
  record IdentityFields(String label, PeerIdentity identity, Instant time) {}

  static IdentityFields decodeIdentity(byte[] value) throws TokenException {
    try {
      ByteBuffer in = ByteBuffer.wrap(value);
      KeyType type = KeyType.fromCode(in.get() & 0xff);
      String label = utf8(readBytes(in));
      PeerIdentity id = PeerIdentity.of(type, readBytes(in));
      String fingerprint = utf8(readBytes(in));
      Instant time = Instant.ofEpochMilli(in.getLong());
      if (in.hasRemaining() || !fingerprint.equals(id.fingerprint())) {
        throw new TokenException(CORRUPT, "the token store is damaged: inconsistent identity record");
      }
      return new IdentityFields(label, id, time);
    } catch (BufferUnderflowException | IllegalArgumentException | InvalidKeyException e) {
      throw new TokenException(CORRUPT, "the token store is damaged: bad identity record", e);
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeShort(b.length);
    out.write(b);
  }

  private static byte[] readBytes(ByteBuffer in) {
    byte[] b = new byte[in.getShort() & 0xffff];
    in.get(b);
    return b;
  }
}
