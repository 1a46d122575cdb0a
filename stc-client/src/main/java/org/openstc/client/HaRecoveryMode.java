package org.openstc.client;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code hagroup recoverymode} (docs/ha.md, "Recovery"): what the group keeps when every member is
 * lost at once. In both modes the recovery thread and {@code hagroup recover} bring members back
 * and synchronise them while at least one member lives.
 */
public enum HaRecoveryMode {
  /** Every member lost ends the group's login: the application logs in again once one is back. */
  ACTIVE_BASIC("activeBasic"),
  /** The group keeps its login while every member is lost and resumes when one returns (default). */
  ACTIVE_ENHANCED("activeEnhanced");

  private final String vendorName;

  HaRecoveryMode(String vendorName) {
    this.vendorName = vendorName;
  }

  /** The vendor's name, as {@code listgroups} shows it and {@code -mode} takes it. */
  public String vendorName() {
    return vendorName;
  }

  /** The mode named {@code name} (the vendor's names, any case), empty when there is none. */
  public static Optional<HaRecoveryMode> parse(String name) {
    return Arrays.stream(values()).filter(m -> m.vendorName.equalsIgnoreCase(name)).findFirst();
  }
}
