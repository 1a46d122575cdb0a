package org.openstc.partition.store;

import java.util.Locale;
import java.util.Optional;
import org.openstc.command.CkResult;

/**
 * The role of a host administrator account, as on the appliance: {@code monitor} reads,
 * {@code registration} registers clients (seed 000's custom registration role), {@code operator}
 * also runs the service, {@code admin} does everything. Stored by code: never renumber.
 */
public enum AdminRole {
  MONITOR(1),
  REGISTRATION(2),
  OPERATOR(3),
  ADMIN(4);

  private final int code;

  AdminRole(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The name users type and see: {@code admin}, {@code operator}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AdminRole> byLabel(String label) {
    for (AdminRole r : values()) {
      if (r.label().equalsIgnoreCase(label)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  static AdminRole byCode(int code) throws StoreException {
    for (AdminRole r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    throw new StoreException(CkResult.CKR_DEVICE_ERROR, "stored account has unknown role " + code);
  }
}
