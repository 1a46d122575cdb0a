package org.openstc.token;

import static org.openstc.token.TokenException.Reason.CORRUPT;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id parameters for the passphrase KEK (RFC 9106). The defaults, 64 MiB and 3 passes, follow
 * RFC 9106's second recommended option. The system property {@value #INSECURE_FAST} makes new tokens
 * use 1 MiB and 1 pass: for tests only, as its name says. Opening always uses the stored values.
 */
record KdfParams(int memoryKiB, int iterations, int parallelism, byte[] salt) {
  static final String INSECURE_FAST = "openstc.token.insecureFastKdf";
  static final int KEK_LENGTH = 32;

  static KdfParams fresh(SecureRandom random) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return Boolean.getBoolean(INSECURE_FAST)
        ? new KdfParams(1024, 1, 1, salt) : new KdfParams(64 * 1024, 3, 1, salt);
  }

  /** Derives the 32-byte KEK; the caller wipes it. */
  byte[] derive(char[] passphrase) {
    Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKiB)
        .withIterations(iterations).withParallelism(parallelism).withSalt(salt).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(p);
    byte[] kek = new byte[KEK_LENGTH];
    generator.generateBytes(passphrase, kek);
    return kek;
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
