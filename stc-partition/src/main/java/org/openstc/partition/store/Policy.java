package org.openstc.partition.store;

import java.util.List;
import java.util.Optional;

/**
 * One administrator policy of the host (HSM policies) or of a partition (partition policies), with
 * the vendor's number and name. Every policy here is a switch: 0 (Off) or 1 (On). Changing a
 * destructive one destroys data (an HSM policy: every partition), so the CLI asks for
 * {@code proceed}.
 */
public interface Policy {
  int code();

  String title();

  int defaultValue();

  boolean destructive();

  /** Whether {@code value} is allowed (0 or 1 for every policy we have). */
  default boolean allows(long value) {
    return value == 0 || value == 1;
  }

  /** The policy of {@code policies} with number {@code code}. */
  static <P extends Policy> Optional<P> byCode(List<P> policies, int code) {
    return policies.stream().filter(p -> p.code() == code).findFirst();
  }

  /** HSM policies (the host's). Only these exist here; the vendor's others have no software meaning. */
  enum Hsm implements Policy {
    /** Stored and shown; enforced by partition cloning (the HA issue). Destructive as on the appliance. */
    ALLOW_CLONING(7, "Allow cloning", 1, true),
    /** Stored and shown; enforced by network replication (the HA issue). */
    ALLOW_NETWORK_REPLICATION(16, "Allow network replication", 0, false),
    /** Partition policy 37 (force STC) may be turned on only while this is on. */
    ALLOW_STC(39, "Allow Secure Trusted Channel", 1, false);

    private final int code;
    private final String title;
    private final int defaultValue;
    private final boolean destructive;

    Hsm(int code, String title, int defaultValue, boolean destructive) {
      this.code = code;
      this.title = title;
      this.defaultValue = defaultValue;
      this.destructive = destructive;
    }

    @Override public int code() { return code; }
    @Override public String title() { return title; }
    @Override public int defaultValue() { return defaultValue; }
    @Override public boolean destructive() { return destructive; }
  }

  /**
   * Partition policies. 22 and 23 default to On here (the appliance defaults them Off because its
   * activation caches a PED login; here a partition is served only while activated, and a new
   * partition is activated, so that a fresh host serves as before): see docs/partition-host.md.
   */
  enum Partition implements Policy {
    ALLOW_PRIVATE_KEY_CLONING(0, "Allow private key cloning", 1, false),
    ALLOW_SECRET_KEY_CLONING(4, "Allow secret key cloning", 1, false),
    /** Off: {@code partition activate} is refused. */
    ALLOW_ACTIVATION(22, "Allow activation", 1, false),
    /** Off: the partition is deactivated whenever the host starts. */
    ALLOW_AUTO_ACTIVATION(23, "Allow auto-activation", 1, false),
    /** On: the partition accepts STC only (NTLS links refused); needs HSM policy 39. */
    FORCE_STC(37, "Force Secure Trusted Channel", 0, false);

    private final int code;
    private final String title;
    private final int defaultValue;
    private final boolean destructive;

    Partition(int code, String title, int defaultValue, boolean destructive) {
      this.code = code;
      this.title = title;
      this.defaultValue = defaultValue;
      this.destructive = destructive;
    }

    @Override public int code() { return code; }
    @Override public String title() { return title; }
    @Override public int defaultValue() { return defaultValue; }
    @Override public boolean destructive() { return destructive; }
  }
}
