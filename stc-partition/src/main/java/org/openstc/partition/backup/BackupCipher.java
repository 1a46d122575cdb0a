package org.openstc.partition.backup;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openstc.crypto.SecretBytes;
import org.openstc.partition.store.PinHasher;

/**
 * The encryption of a backup file. A clear header (magic, format version, Argon2id costs and salt,
 * nonce prefix) is followed by chunks, each a 4-byte length and AES-256-GCM ciphertext of at most
 * {@link #CHUNK} bytes of the archive. The key is Argon2id of the backup password under the
 * header's salt and costs. Chunk {@code i}'s nonce is the prefix and {@code i}; its associated data
 * is the whole header, {@code i} and a final flag, so a changed header, a reordered, dropped or
 * added chunk, and a file cut after any chunk but the last all fail authentication.
 */
final class BackupCipher {
  static final byte[] MAGIC = "OSTCBAK\n".getBytes(StandardCharsets.US_ASCII);
  static final int FORMAT = 1;
  static final int CHUNK = 64 * 1024;
  private static final int TAG_BYTES = 16;
  private static final int SALT_BYTES = 16;
  /** Costs a file may ask for: a hostile header must not make restore take all memory or time. */
  private static final int MAX_MEMORY_KIB = 1 << 21;
  private static final int MAX_ITERATIONS = 64;
  private static final int MAX_LANES = 16;

  private final byte[] header;
  private final byte[] key;
  private final byte[] noncePrefix;

  private BackupCipher(byte[] header, byte[] key, byte[] noncePrefix) {
    this.header = header;
    this.key = key;
    this.noncePrefix = noncePrefix;
  }

  /** A new header (fresh salt and nonce prefix) and its key, with {@code hasher}'s costs. */
  static BackupCipher create(char[] password, PinHasher hasher) throws IOException {
    SecureRandom random = new SecureRandom();
    byte[] salt = new byte[SALT_BYTES];
    byte[] prefix = new byte[4];
    random.nextBytes(salt);
    random.nextBytes(prefix);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    out.writeInt(FORMAT);
    out.writeInt(hasher.memoryKiB());
    out.writeInt(hasher.iterations());
    out.writeInt(hasher.parallelism());
    out.write(salt);
    out.write(prefix);
    return new BackupCipher(bytes.toByteArray(), derive(password, salt, hasher.memoryKiB(),
        hasher.iterations(), hasher.parallelism()), prefix);
  }

  /** Reads and checks a header; derives its key from {@code password}. */
  static BackupCipher read(InputStream in, char[] password) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[MAGIC.length];
    readFully(data, magic, "its header");
    if (!Arrays.equals(magic, MAGIC)) {
      throw new BackupException("not an openstc backup file");
    }
    int format = data.readInt();
    if (format != FORMAT) {
      throw new BackupException("backup format version " + format + " is not supported (this "
          + "version reads " + FORMAT + ")");
    }
    int memory = data.readInt();
    int iterations = data.readInt();
    int lanes = data.readInt();
    if (lanes < 1 || lanes > MAX_LANES || memory < 8 * lanes || memory > MAX_MEMORY_KIB
        || iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new BackupException("the header's key derivation costs are out of range (damaged?)");
    }
    byte[] salt = new byte[SALT_BYTES];
    byte[] prefix = new byte[4];
    readFully(data, salt, "its header");
    readFully(data, prefix, "its header");
    ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 16 + SALT_BYTES + 4);
    header.put(MAGIC).putInt(format).putInt(memory).putInt(iterations).putInt(lanes).put(salt)
        .put(prefix);
    return new BackupCipher(header.array(), derive(password, salt, memory, iterations, lanes),
        prefix);
  }

  byte[] header() {
    return header.clone();
  }

  /** Seals chunk {@code index} (final or not). */
  byte[] seal(long index, boolean last, byte[] plain, int length) throws IOException {
    try {
      return cipher(Cipher.ENCRYPT_MODE, index, last).doFinal(plain, 0, length);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encrypt the backup: " + e.getMessage(), e);
    }
  }

  /** Opens chunk {@code index}; a failed tag is a wrong password or a damaged file. */
  byte[] open(long index, boolean last, byte[] sealed) throws BackupException {
    try {
      return cipher(Cipher.DECRYPT_MODE, index, last).doFinal(sealed);
    } catch (GeneralSecurityException e) {
      throw new BackupException(index == 0 ? "wrong backup password, or the file is damaged"
          : "chunk " + index + " of the backup failed authentication: the file is damaged");
    }
  }

  /** Wipes the key. */
  void destroy() {
    SecretBytes.wipe(key);
  }

  static int maxSealed() {
    return CHUNK + TAG_BYTES;
  }

  private Cipher cipher(int mode, long index, boolean last) throws GeneralSecurityException {
    byte[] nonce = ByteBuffer.allocate(12).put(noncePrefix).putLong(index).array();
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
    c.updateAAD(ByteBuffer.allocate(header.length + 9).put(header).putLong(index)
        .put((byte) (last ? 1 : 0)).array());
    return c;
  }

  private static byte[] derive(char[] password, byte[] salt, int memory, int iterations,
      int lanes) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] secret = new byte[encoded.remaining()];
    encoded.get(secret);
    Arrays.fill(encoded.array(), (byte) 0);
    try {
      return PinHasher.hash(secret, salt, memory, iterations, lanes);
    } finally {
      SecretBytes.wipe(secret);
    }
  }

  static void readFully(DataInputStream in, byte[] b, String what) throws IOException {
    try {
      in.readFully(b);
    } catch (EOFException e) {
      throw new BackupException("the backup file is truncated (in " + what + ")");
    }
  }
}
