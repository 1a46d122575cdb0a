package org.openstc.stc;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Deliberately broken behaviours for proving that the conformance suite can fail. Off unless the
 * JVM starts with {@code -Dopenstc.insecure.faults=name,name}, which no launcher of openstc sets;
 * when any is on, {@link #banner()} says so loudly and hosts print it at start-up.
 */
public final class InsecureFaults {
  /** The system property that switches faults on. */
  public static final String PROPERTY = "openstc.insecure.faults";

  /** One deliberate defect each. */
  public enum Fault {
    /** Duplicate records inside the replay window are accepted. */
    REPLAY_CHECK_OFF,
    /** Records below the replay window are accepted. */
    WINDOW_CHECK_OFF,
    /** The partition accepts any ACTIVATE without verifying MacTag_U. */
    KEY_CONFIRMATION_SKIPPED,
    /** The partition leaves the offered suites out of the Noise prologue. */
    PROLOGUE_UNBOUND,
    /** The partition never enforces the activation timeout. */
    ACTIVATION_TIMEOUT_OFF;

    /** The name used in the property: lower case with dashes, e.g. {@code replay-check-off}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private static final Set<Fault> ACTIVE = parse(System.getProperty(PROPERTY, ""));

  private InsecureFaults() {}

  static boolean on(Fault fault) {
    return !ACTIVE.isEmpty() && ACTIVE.contains(fault);
  }

  /** The faults switched on in this JVM. */
  public static Set<Fault> active() {
    return ACTIVE.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(ACTIVE);
  }

  /** A warning line for logs, or null when no fault is on. */
  public static String banner() {
    return ACTIVE.isEmpty() ? null
        : "INSECURE: deliberately broken protocol behaviour enabled for testing: " + ACTIVE;
  }

  static Set<Fault> parse(String value) {
    Set<Fault> out = EnumSet.noneOf(Fault.class);
    for (String part : value.split(",")) {
      String name = part.trim();
      if (name.isEmpty()) {
        continue;
      }
      for (Fault f : Fault.values()) {
        if (f.label().equals(name) || f.name().equals(name)) {
          out.add(f);
        }
      }
    }
    return out;
  }
}
