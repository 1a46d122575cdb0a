package org.openstc.token;

import static org.openstc.token.TokenException.Reason.CORRUPT;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openstc.crypto.Argon2Cost;
import org.openstc.crypto.SecretBytes;

/**
 * Argon2id parameters for the passphrase KEK. A new token uses the cost given at its creation
 * ({@code stccm stc tokeninit -kdf-memory/-kdf-passes/-kdf-lanes}; by default RFC 9106's second
 * recommended option, {@link Argon2Cost#RECOMMENDED}). Opening always uses the stored values, so
 * older tokens (one lane) still open.
 */
record KdfParams(int memoryKiB, int iterations, int parallelism, byte[] salt) {
  static final int KEK_LENGTH = 32;

  static KdfParams fresh(SecureRandom random, Argon2Cost cost) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return new KdfParams(cost.memoryKiB(), cost.passes(), cost.lanes(), salt);
  }

  /**
   * Derives the 32-byte KEK; the caller wipes it. The passphrase is encoded to UTF-8 here (as Bouncy
   * Castle's own conversion would) so that the encoded copy can be wiped.
   */
  byte[] derive(char[] passphrase) {
    Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKiB)
        .withIterations(iterations).withParallelism(parallelism).withSalt(salt).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(p);
    byte[] kek = new byte[KEK_LENGTH];
    byte[] utf8 = utf8(passphrase);
    try {
      generator.generateBytes(utf8, kek);
    } finally {
      SecretBytes.wipe(utf8);
    }
    return kek;
  }

  /** UTF-8 of {@code chars}, refusing unpaired surrogates; no intermediate copy is left behind. */
  static byte[] utf8(char[] chars) {
    byte[] buf = new byte[chars.length * 3]; // at most 3 bytes per UTF-16 unit
    try {
      ByteBuffer out = ByteBuffer.wrap(buf);
      CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
      CoderResult r = encoder.encode(CharBuffer.wrap(chars), out, true);
      if (r.isUnderflow()) {
        r = encoder.flush(out);
      }
      if (!r.isUnderflow()) {
        r.throwException();
      }
      return Arrays.copyOf(buf, out.position());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the passphrase is not valid UTF-16 text", e);
    } finally {
      SecretBytes.wipe(buf);
    }
  }

  byte[] encode() {
    return ByteBuffer.allocate(13 + salt.length).putInt(memoryKiB).putInt(iterations)
        .putInt(parallelism).put((byte) salt.length).put(salt).array();
  }

  static KdfParams decode(byte[] b) throws TokenException {
    try {
      ByteBuffer in = ByteBuffer.wrap(b);
      int memory = in.getInt();
      int iterations = in.getInt();
      int parallelism = in.getInt();
      byte[] salt = new byte[in.get() & 0xff];
      in.get(salt);
      boolean sane = memory >= 8 && memory <= 4 * 1024 * 1024 && iterations >= 1 && iterations <= 100
          && parallelism >= 1 && parallelism <= 16 && salt.length >= 8 && !in.hasRemaining();
      if (!sane) {
        throw new TokenException(CORRUPT, "the token store is damaged: bad KDF parameters");
      }
      return new KdfParams(memory, iterations, parallelism, salt);
    } catch (BufferUnderflowException | NullPointerException e) {
      throw new TokenException(CORRUPT, "the token store is damaged: bad KDF parameters", e);
    }
  }
}
