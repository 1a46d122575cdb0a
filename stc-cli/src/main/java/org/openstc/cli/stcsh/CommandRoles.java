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

  private static final Set<AdminRole> EVERYONE = EnumSet.allOf(AdminRole.class);

  private static final Map<String, Set<AdminRole>> TABLE = Map.ofEntries(
      // the vendor's one-step NTLS registration role: scp, partition list, client list,
      // client register, client assignPartition
      Map.entry("client register", EnumSet.of(REGISTRATION, OPERATOR, ADMIN)),
      Map.entry("client list", EnumSet.of(REGISTRATION, MONITOR, OPERATOR, ADMIN)),
      Map.entry("partition list", EnumSet.of(REGISTRATION, MONITOR, OPERATOR, ADMIN)),
      Map.entry("client assignpartition", EnumSet.of(REGISTRATION, OPERATOR, ADMIN)),
      Map.entry("client deregister", OPERATORS),
      Map.entry("client revokepartition", OPERATORS),
      Map.entry("service start", OPERATORS),
      Map.entry("service stop", OPERATORS),
      // every account changes its own password; the command itself requires admin for another's
      Map.entry("user password", EVERYONE),
      // every account keeps its own file area and SSH keys
      Map.entry("my file list", EVERYONE),
      Map.entry("my file delete", EVERYONE),
      Map.entry("my public-key list", EVERYONE),
      Map.entry("my public-key add", EVERYONE),
      Map.entry("my public-key delete", EVERYONE));

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
