package org.openstc.partition.store;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id for role PINs (Bouncy Castle). The parameters are stored with each hash, so changing
 * the defaults never breaks existing PINs. New PINs use RFC 9106's second recommended option:
 * 64 MiB, 3 passes, 4 lanes.
 *
 * <p>The system property {@value #PROPERTY} = {@code memoryKiB,iterations} (one lane) lowers the
 * cost of new hashes below that recommendation. It exists for tests, which set it in their Surefire
 * configuration; no launcher sets it, and a host started with it logs {@link #insecureWarning()}
 * on every start. The constructor picks costs for tests that build a store directly.
 */
public final class PinHasher {
  public static final String PROPERTY = "openstc.insecure.argon2";
  /** RFC 9106 section 4, second recommended option. */
  static final int DEFAULT_MEMORY_KIB = 64 * 1024;
  static final int DEFAULT_ITERATIONS = 3;
  static final int DEFAULT_PARALLELISM = 4;
  static final int SALT_LENGTH = 16;
  static final int HASH_LENGTH = 32;

  private final int memoryKiB;
  private final int iterations;
  private final int parallelism;

  /** One lane: for tests that want cheap hashes. */
  public PinHasher(int memoryKiB, int iterations) {
    this(memoryKiB, iterations, 1);
  }

  public PinHasher(int memoryKiB, int iterations, int parallelism) {
    if (parallelism < 1 || memoryKiB < 8 * parallelism || iterations < 1) {
      throw new IllegalArgumentException("Argon2 needs at least 1 lane, 8 KiB per lane and 1 pass");
    }
    this.memoryKiB = memoryKiB;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  /** RFC 9106's second recommended option, or the costs named by {@value #PROPERTY}. */
  public static PinHasher configured() {
    String p = System.getProperty(PROPERTY);
    if (p == null || p.isBlank()) {
      return new PinHasher(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }
    String[] parts = p.split(",");
    if (parts.length != 2) {
      throw new IllegalArgumentException(PROPERTY + " must be memoryKiB,iterations, not " + p);
    }
    return new PinHasher(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
  }

  /** The warning a host logs at start while {@value #PROPERTY} is set, else empty. */
  public static Optional<String> insecureWarning() {
    String p = System.getProperty(PROPERTY);
    if (p == null || p.isBlank()) {
      return Optional.empty();
    }
    return Optional.of("INSECURE: -D" + PROPERTY + "=" + p + " hashes new PINs below RFC 9106's "
        + "recommended cost (64 MiB, 3 passes, 4 lanes); for tests only, never in production");
  }

  public int memoryKiB() {
    return memoryKiB;
  }

  public int iterations() {
    return iterations;
  }

  public int parallelism() {
    return parallelism;
  }

  static byte[] salt(SecureRandom random) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    return salt;
  }

  /** Argon2id of {@code pin} with the given salt and costs (32 bytes; also a backup's key). */
  public static byte[] hash(byte[] pin, byte[] salt, int memoryKiB, int iterations, int parallelism) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt)
        .withMemoryAsKB(memoryKiB).withIterations(iterations).withParallelism(parallelism).build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] out = new byte[HASH_LENGTH];
    gen.generateBytes(pin, out);
    return out;
  }

  /** Whether {@code pin} hashes to {@code r}'s hash under {@code r}'s salt and costs. */
  static boolean matches(byte[] pin, RoleRecord r) {
    return MessageDigest.isEqual(
        hash(pin, r.salt(), r.memoryKiB(), r.iterations(), r.parallelism()), r.hash());
  }

  /** A record of a new PIN hashed with this hasher's costs. */
  RoleRecord newRecord(byte[] pin, SecureRandom random) {
    byte[] salt = salt(random);
    return new RoleRecord(salt, memoryKiB, iterations, parallelism,
        hash(pin, salt, memoryKiB, iterations, parallelism), 0);
  }
}
