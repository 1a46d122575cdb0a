package org.openstc.cli.stcsh;

import static org.openstc.partition.store.AdminRole.ADMIN;
import static org.openstc.partition.store.AdminRole.MONITOR;
import static org.openstc.partition.store.AdminRole.OPERATOR;
import static org.openstc.partition.store.AdminRole.REGISTRATION;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openstc.partition.store.AdminRole;

/**
 * The one table of which account roles may run which stcsh command (docs/partition-host.md,
 * "Administrator accounts"). A command is named by its path without {@code stcsh}, in lower case
 * ({@code client register}). Commands not in the table: a read (its last word starts with
 * {@code show}, {@code list} or {@code status}) is for monitor, operator and admin; anything else
 * is for admin only. A command added later is thus admin-only until it is listed here.
 */
final class CommandRoles {
  private static final Set<AdminRole> READERS = EnumSet.of(MONITOR, OPERATOR, ADMIN);
  private static final Set<AdminRole> OPERATORS = EnumSet.of(OPERATOR, ADMIN);
  private static final Set<AdminRole> ADMINS = EnumSet.of(ADMIN);

  private static final Map<String, Set<AdminRole>> TABLE = Map.of(
      "client register", EnumSet.of(REGISTRATION, OPERATOR, ADMIN),
      "client list", EnumSet.of(REGISTRATION, MONITOR, OPERATOR, ADMIN),
      "client deregister", OPERATORS,
      "client assignpartition", OPERATORS,
      "client revokepartition", OPERATORS,
      "service start", OPERATORS,
      "service stop", OPERATORS,
      "service restart", OPERATORS,
      // every account changes its own password; the command itself requires admin for another's
      "user password", EnumSet.allOf(AdminRole.class));

  private CommandRoles() {}

  /** The roles that may run {@code path}. */
  static Set<AdminRole> allowed(String path) {
    String p = path.toLowerCase(Locale.ROOT).strip();
    Set<AdminRole> listed = TABLE.get(p);
    if (listed != null) {
      return listed;
    }
    return isRead(p) ? READERS : ADMINS;
  }

  /** Whether {@code path} only reads: not audited, and open to monitor. */
  static boolean isRead(String path) {
    String p = path.toLowerCase(Locale.ROOT).strip();
    String last = p.substring(p.lastIndexOf(' ') + 1);
    return last.startsWith("show") || last.startsWith("list") || last.startsWith("status");
  }
}
