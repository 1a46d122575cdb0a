package org.openstc.cli.stcsh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.stcsh.AdminSession.Admin;
import org.openstc.partition.store.AdminRole;
import org.openstc.partition.store.AuditLog;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.StoreException;

/**
 * The enforcement point of administrator accounts: before each stcsh command runs, {@link #check}
 * finds who runs it ({@link AdminLogin}) and refuses it unless the account's role is in
 * {@link CommandRoles}; {@code client register} also needs the HSM SO login while
 * {@code sysconf forceSOLogin} is on. After a changing command, {@link #audit} writes its
 * {@link AuditLog} line with the account.
 */
final class AdminAccess {
  private AdminAccess() {}

  /** Who runs {@code path} on {@code home}, once allowed; throws NOT_PERMITTED otherwise. */
  static Admin check(CliContext ctx, Path home, String path, AdminLogin login) throws CliException {
    if (!Files.isDirectory(home.resolve("store"))) {
      return single(); // no host yet: nothing to protect, and the command creates or refuses it
    }
    Admin admin;
    boolean forceSo;
    try (HostStore store = HostStore.open(home)) {
      admin = login.identify(ctx, store, home);
      forceSo = path.equalsIgnoreCase("client register") && store.policies().forceSoLogin();
    } catch (StoreException e) {
      return single(); // a store that cannot open: the command itself reports why
    }
    Set<AdminRole> allowed = CommandRoles.allowed(path);
    if (!allowed.contains(admin.role())) {
      refuse(home, admin, path, "'" + path + "' needs the role " + names(allowed) + "; "
          + admin.name() + " has the role " + admin.role().label());
    }
    if (forceSo && !ctx.state(AdminSession.class, AdminSession::new).soLoggedIn()
        && SoSession.key(home).isEmpty()) {
      refuse(home, admin, path, "client registration needs the HSM SO logged in (sysconf"
          + " forceSOLogin is enabled): run hsm login first");
    }
    return admin;
  }

  /**
   * Appends the audit line of a changing command; reads are not audited, except over SSH where
   * every command is.
   */
  static void audit(CliContext ctx, Path home, Admin admin, String path, String command,
      String result) throws StoreException {
    boolean remote = SshUser.of(ctx).isPresent();
    if ((remote || !CommandRoles.isRead(path)) && Files.isDirectory(home)) {
      AuditLog.append(home, admin.name(), command, result);
    }
  }

  private static Admin single() {
    return new Admin("single-admin (os user " + System.getProperty("user.name", "?") + ")",
        AdminRole.ADMIN, true);
  }

  private static void refuse(Path home, Admin admin, String path, String why) throws CliException {
    try {
      AuditLog.append(home, admin.name(), path, "refused: " + why);
    } catch (StoreException e) {
      // the refusal stands; the log's failure is not the user's error
    }
    throw new CliException(ExitCode.NOT_PERMITTED, why);
  }

  private static String names(Set<AdminRole> roles) {
    return roles.stream().map(AdminRole::label).collect(Collectors.joining(" or "));
  }
}
