package org.openstc.client;

import java.util.Arrays;
import org.openstc.command.Role;

/**
 * The role and PIN an HA group logs its members in with: kept (a copy) while the group is logged
 * in, because a member that returns must be logged in again; wiped at logout and close.
 */
final class HaCredentials {
  private Role role;
  private char[] pin;

  synchronized void set(Role newRole, char[] newPin) {
    clear();
    role = newRole;
    pin = newPin.clone();
  }

  synchronized boolean present() {
    return pin != null;
  }

  synchronized void clear() {
    if (pin != null) {
      Arrays.fill(pin, '\0');
    }
    pin = null;
    role = null;
  }

  private synchronized void login(Slot s) throws StcClientException {
    if (pin == null) {
      throw new StcClientException(StcClientException.Kind.CONFIG, "the HA group is logged out", null);
    }
    s.login(role, pin);
  }

  /**
   * Opens the partition's slot through the client, each reply awaited at most {@code timeout},
   * and logs in with the kept role and PIN.
   */
  HaMember.Opener opener(StcClient client, long serial, java.time.Duration timeout) {
    return () -> {
      Slot s = client.openPartition(serial, timeout);
      try {
        login(s);
        return s;
      } catch (StcClientException e) {
        s.close();
        throw e;
      }
    };
  }
}
