package org.openstc.cli.stcsh;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.openstc.partition.store.AdminRole;

/**
 * Who administers the host in this stcsh run: the account logged in for the shell (or for the one
 * command), or nobody yet. One per {@link org.openstc.cli.common.CliContext} (a shell keeps its
 * login across commands). {@link #soLoggedIn()} is the HSM SO login state that
 * {@code sysconf forceSOLogin} requires for {@code client register}; the {@code hsm login}
 * command sets it with {@link #setSoLogin(BooleanSupplier)}.
 */
final class AdminSession {
  /** An administrator: account name (or the single-admin description) and role. */
  record Admin(String name, AdminRole role, boolean singleAdmin) {}

  private Admin admin;
  private BooleanSupplier soLogin = () -> false;

  Optional<Admin> admin() {
    return Optional.ofNullable(admin);
  }

  void loggedIn(Admin a) {
    this.admin = a;
  }

  void logout() {
    this.admin = null;
  }

  /** Whether the HSM SO is logged in in this session (seal's {@code hsm login}). */
  boolean soLoggedIn() {
    return soLogin.getAsBoolean();
  }

  void setSoLogin(BooleanSupplier state) {
    this.soLogin = state;
  }
}
