package org.openstc.crypto;

import java.util.Optional;

/**
 * The cost of Argon2id (version 1.3) for a password: memory in KiB, passes, lanes. An
 * administrator's choice, like cryptsetup's {@code --pbkdf-memory}: {@code stcsh hsm init} stores
 * it with the host, {@code stccm stc tokeninit} with the token; every hash stores the cost it was
 * made with, so a later choice never breaks an existing password.
 *
 * <p>{@link #RECOMMENDED} is RFC 9106's second recommended option (section 4): 64 MiB, 3 passes,
 * 4 lanes. The lowest accepted cost is Argon2's own minimum, 8 KiB per lane and 1 pass; anything
 * with less memory or fewer passes than the recommendation makes passwords cheaper to guess, and
 * {@link #warning()} says so. Lanes set the parallelism only: with the same memory and passes,
 * fewer lanes do not make a guess cheaper.
 */
public record Argon2Cost(int memoryKiB, int passes, int lanes) {
  /** RFC 9106 section 4, second recommended option. */
  public static final Argon2Cost RECOMMENDED = new Argon2Cost(64 * 1024, 3, 4);
  /** Upper bounds, so that a typing error (or an altered file) cannot make a hash run for hours. */
  public static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  public static final int MAX_PASSES = 64;
  public static final int MAX_LANES = 16;

  /** Refuses a cost Argon2 cannot run or one above the bounds, with the reason. */
  public Argon2Cost {
    if (lanes < 1 || lanes > MAX_LANES) {
      throw new IllegalArgumentException("Argon2 lanes must be 1.." + MAX_LANES + ", not " + lanes);
    }
    if (passes < 1 || passes > MAX_PASSES) {
      throw new IllegalArgumentException("Argon2 passes must be 1.." + MAX_PASSES + ", not " + passes);
    }
    if (memoryKiB < 8 * lanes || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("Argon2 memory must be " + 8 * lanes + ".." + MAX_MEMORY_KIB
          + " KiB (at least 8 KiB per lane), not " + memoryKiB);
    }
  }

  /** Whether guessing a password costs less than under {@link #RECOMMENDED}. */
  public boolean belowRecommendation() {
    return memoryKiB < RECOMMENDED.memoryKiB || passes < RECOMMENDED.passes;
  }

  /** The one-line warning for a cost below the recommendation, else empty. */
  public Optional<String> warning() {
    if (!belowRecommendation()) {
      return Optional.empty();
    }
    return Optional.of("WARNING: Argon2id cost " + describe() + " is below RFC 9106's recommendation ("
        + RECOMMENDED.describe() + "): passwords hashed with it are cheaper to guess");
  }

  /** "64 MiB, 3 passes, 4 lanes" or "64 KiB, 1 pass, 1 lane". */
  public String describe() {
    String memory = memoryKiB % 1024 == 0 ? memoryKiB / 1024 + " MiB" : memoryKiB + " KiB";
    return memory + ", " + passes + (passes == 1 ? " pass, " : " passes, ") + lanes
        + (lanes == 1 ? " lane" : " lanes");
  }
}
