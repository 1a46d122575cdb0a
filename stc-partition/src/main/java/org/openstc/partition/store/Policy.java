package org.openstc.partition.store;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The administrator policies of the host (HSM policies) and of each partition, with the vendor's
 * numbers and names. Every policy here is a switch: 0 (Off) or 1 (On). Changing a destructive one
 * destroys data (an HSM policy: every partition), so the CLI asks for {@code proceed}. Only the
 * policies that mean something here exist; the vendor's others have no software meaning.
 *
 * <p>Partition policies 22 and 23 default to On here (the appliance defaults them Off because its
 * activation caches a PED login; here a partition is served only while activated, and a new one is
 * activated, so that a fresh host serves as before): see docs/partition-host.md.
 */
public enum Policy {
  /** Stored and shown; enforced by partition cloning (the HA issue). Destructive as on the appliance. */
  ALLOW_CLONING(Scope.HSM, 7, "Allow cloning", 1, true),
  /** Stored and shown; enforced by network replication (the HA issue). */
  ALLOW_NETWORK_REPLICATION(Scope.HSM, 16, "Allow network replication", 0, false),
  /** Partition policy 37 (force STC) may be turned on only while this is on. */
  ALLOW_STC(Scope.HSM, 39, "Allow Secure Trusted Channel", 1, false),
  ALLOW_PRIVATE_KEY_CLONING(Scope.PARTITION, 0, "Allow private key cloning", 1, false),
  ALLOW_SECRET_KEY_CLONING(Scope.PARTITION, 4, "Allow secret key cloning", 1, false),
  /** Off: {@code partition activate} is refused. */
  ALLOW_ACTIVATION(Scope.PARTITION, 22, "Allow activation", 1, false),
  /** Off: the partition is deactivated whenever the host starts. */
  ALLOW_AUTO_ACTIVATION(Scope.PARTITION, 23, "Allow auto-activation", 1, false),
  /** On: the partition accepts STC only (NTLS links refused); needs HSM policy 39. */
  FORCE_STC(Scope.PARTITION, 37, "Force Secure Trusted Channel", 0, false);

  /** Whose policy: the host's, or a partition's. */
  public enum Scope { HSM, PARTITION }

  private final Scope scope;
  private final int code;
  private final String title;
  private final int defaultValue;
  private final boolean destructive;

  Policy(Scope scope, int code, String title, int defaultValue, boolean destructive) {
    this.scope = scope;
    this.code = code;
    this.title = title;
    this.defaultValue = defaultValue;
    this.destructive = destructive;
  }

  public Scope scope() { return scope; }
  public int code() { return code; }
  public String title() { return title; }
  public int defaultValue() { return defaultValue; }
  public boolean destructive() { return destructive; }

  /** Whether {@code value} is allowed (0 or 1 for every policy we have). */
  public boolean allows(long value) {
    return value == 0 || value == 1;
  }

  /** The policies of {@code scope}, by number. */
  public static List<Policy> of(Scope scope) {
    return Arrays.stream(values()).filter(p -> p.scope == scope).toList();
  }

  /** The policy of {@code scope} with number {@code code}. */
  public static Optional<Policy> find(Scope scope, int code) {
    return of(scope).stream().filter(p -> p.code == code).findFirst();
  }
}
