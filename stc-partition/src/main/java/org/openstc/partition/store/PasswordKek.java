package org.openstc.partition.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A key-encryption key derived from a password with Argon2id; its costs and salt are stored
 * beside what it wraps ({@code kdf}, {@code memoryKiB}, {@code iterations}, {@code parallelism},
 * {@code salt}), so later changes of the defaults never break an existing seal. New seals use
 * {@link PinHasher}'s costs: the host's, chosen at {@code hsm init}.
 */
final class PasswordKek {
  static final String KDF = "argon2id";
  /** Bounds on stored costs, so an altered file cannot make an unseal run for hours. */
  private static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  private static final int MAX_ITERATIONS = 64;
  private static final int MAX_PARALLELISM = 64;

  private PasswordKek() {}

  /** Records new costs and a fresh salt in {@code f}; {@link #derive} then uses them. */
  static void newParameters(SealFile f, PinHasher hasher, SecureRandom random) {
    f.put("kdf", KDF).put("memoryKiB", hasher.memoryKiB()).put("iterations", hasher.iterations())
        .put("parallelism", hasher.parallelism()).putBytes("salt", PinHasher.salt(random));
  }

  static byte[] derive(SealFile f, char[] password) throws StoreException {
    if (!KDF.equals(f.get("kdf"))) {
      throw f.invalid("unknown key derivation " + f.get("kdf"));
    }
    int parallelism = f.getInt("parallelism", 1, MAX_PARALLELISM);
    int memory = f.getInt("memoryKiB", 8 * parallelism, MAX_MEMORY_KIB);
    int iterations = f.getInt("iterations", 1, MAX_ITERATIONS);
    byte[] salt = f.getBytes("salt");
    byte[] pw = utf8(password);
    try {
      return PinHasher.hash(pw, salt, memory, iterations, parallelism);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  /** UTF-8 of {@code password} without an intermediate String; the caller wipes the result. */
  static byte[] utf8(char[] password) {
    ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] out = new byte[b.remaining()];
    b.get(out);
    if (b.hasArray()) {
      Arrays.fill(b.array(), (byte) 0);
    }
    return out;
  }
}
