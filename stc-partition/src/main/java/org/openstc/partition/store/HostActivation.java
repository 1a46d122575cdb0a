package org.openstc.partition.store;

import java.nio.file.Path;

/**
 * Whether a host may activate without its SO: the one place a policy decides it. Today enabling
 * auto-activation ({@code hsm autoactivation enable}) is the decision; the HSM/partition policy
 * 23 ("Allow auto-activation") is read here when policies exist.
 */
public final class HostActivation {
  private HostActivation() {}

  public static boolean autoActivationAllowed(Path home) {
    return AutoActivation.isEnabled(home);
  }
}
