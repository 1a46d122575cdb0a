package org.openstc.partition.store;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openstc.crypto.Argon2Cost;

/**
 * Argon2id for role PINs, account passwords, the SO's sealing key and backups (Bouncy Castle), at
 * the host's {@link Argon2Cost}: chosen at {@code stcsh hsm init} ({@code -kdf-memory},
 * {@code -kdf-passes}, {@code -kdf-lanes}; RFC 9106's second recommended option by default) and
 * kept in {@code host.record} ({@link HostRecord#kdf()}). The costs are stored with each hash, so a
 * host made with other costs never breaks an existing PIN.
 */
public final class PinHasher {
  static final int SALT_LENGTH = 16;
  static final int HASH_LENGTH = 32;

  private final Argon2Cost cost;

  /** One lane: for tests and benchmarks that want cheap hashes. */
  public PinHasher(int memoryKiB, int iterations) {
    this(new Argon2Cost(memoryKiB, iterations, 1));
  }

  public PinHasher(int memoryKiB, int iterations, int parallelism) {
    this(new Argon2Cost(memoryKiB, iterations, parallelism));
  }

  public PinHasher(Argon2Cost cost) {
    this.cost = java.util.Objects.requireNonNull(cost, "cost");
  }

  /** RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes. */
  public static PinHasher recommended() {
    return new PinHasher(Argon2Cost.RECOMMENDED);
  }

  /** The cost of new hashes. */
  public Argon2Cost cost() {
    return cost;
  }

  public int memoryKiB() {
    return cost.memoryKiB();
  }

  public int iterations() {
    return cost.passes();
  }

  public int parallelism() {
    return cost.lanes();
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
    return new RoleRecord(salt, memoryKiB(), iterations(), parallelism(),
        hash(pin, salt, memoryKiB(), iterations(), parallelism()), 0);
  }
}
