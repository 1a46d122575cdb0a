package org.openstc.partition.store;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id for role PINs (Bouncy Castle). The parameters are stored with each hash, so changing
 * the defaults never breaks existing PINs. Default: 19 MiB, 2 passes, 1 lane (the OWASP minimum
 * for Argon2id). The system property {@code openstc.argon2} = {@code memoryKiB,iterations} (or the
 * constructor) picks other costs, e.g. cheaper ones for tests.
 */
public final class PinHasher {
  public static final String PROPERTY = "openstc.argon2";
  static final int SALT_LENGTH = 16;
  static final int HASH_LENGTH = 32;

  private final int memoryKiB;
  private final int iterations;

  public PinHasher(int memoryKiB, int iterations) {
    if (memoryKiB < 8 || iterations < 1) {
      throw new IllegalArgumentException("Argon2 needs at least 8 KiB and 1 iteration");
    }
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
  }

  /** The defaults, or the costs named by the {@value #PROPERTY} system property. */
  public static PinHasher configured() {
    String p = System.getProperty(PROPERTY);
    if (p == null || p.isBlank()) {
      return new PinHasher(19 * 1024, 2);
    }
    String[] parts = p.split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException(PROPERTY + " must be memoryKiB,iterations, not " + p);
    }
    return new PinHasher(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
  }

  int memoryKiB() {
    return memoryKiB;
  }

  int iterations() {
    return iterations;
  }

  static byte[] salt(SecureRandom random) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    return salt;
  }

  /** Argon2id of {@code pin} with the given salt and costs. */
  static byte[] hash(byte[] pin, byte[] salt, int memoryKiB, int iterations) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
        .withMemoryAsKB(memoryKiB).withIterations(iterations).withParallelism(1).build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[HASH_LENGTH];
    gen.generateBytes(pin, out);
    return out;
  }

  static boolean matches(byte[] pin, byte[] salt, int memoryKiB, int iterations, byte[] expected) {
    return MessageDigest.isEqual(hash(pin, salt, memoryKiB, iterations), expected);
  }
}
