package org.openstc.cli.stcsh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.Confirmation;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.Passwords;
import org.openstc.partition.store.Account;
import org.openstc.partition.store.AdminRole;
import org.openstc.partition.store.HostStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code user add|delete|list|show|password|unlock}: the host's administrator accounts
 * (docs/partition-host.md, "Administrator accounts"). Adding the first account (an admin) ends
 * single-admin mode: from then on every stcsh command needs a login.
 */
@Command(name = "user", description = "Administrator accounts of this host.",
    subcommands = {UserCommands.Add.class, UserCommands.Delete.class, UserCommands.ListCommand.class,
        UserCommands.Show.class, UserCommands.Password.class, UserCommands.Unlock.class,
        PublicKeyCommands.class})
final class UserCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Base: {@code -u NAME}, the account acted on. */
  abstract static class OnUser extends HostCommand {
    @Option(names = {"-u", "-userName", "--username"}, required = true, paramLabel = "NAME", description = "account name")
    String name;

    OnUser(CliContext ctx) {
      super(ctx);
    }
  }

  @Command(name = "add", description = "Add an account: -role admin|operator|monitor|registration.")
  static final class Add extends OnUser {
    @Option(names = {"-role", "--role"}, required = true, description = "admin, operator, monitor or registration")
    String role;
    @Mixin Options.Password password;

    Add(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      AdminRole r = AdminRole.byLabel(role).orElseThrow(() -> new CliException(ExitCode.USAGE,
          "-role must be admin, operator, monitor or registration, not " + role));
      byte[] pw = newPassword(ctx, password.password, name);
      try (HostStore store = open()) {
        store.accounts().add(name, r, pw);
        out().printf("User %s added with the role %s.%n", name, r.label());
      } finally {
        Arrays.fill(pw, (byte) 0);
      }
    }
  }

  @Command(name = "delete", description = "Delete an account.")
  static final class Delete extends OnUser {
    @Mixin Options.Force force;

    Delete(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.accounts().find(name).orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "user " + name + " does not exist"));
        Confirmation.require(ctx, force.force, "Are you sure you wish to delete user " + name + "?");
        store.accounts().delete(name);
        out().printf("User %s deleted.%n", name);
      }
    }
  }

  @Command(name = "list", description = "List the accounts.")
  static final class ListCommand extends HostCommand {
    @Mixin Options.Json json;

    ListCommand(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Account a : store.accounts().list()) {
          rows.add(row(a));
        }
        if (json.json) {
          Map<String, Object> v = new LinkedHashMap<>();
          v.put("singleAdminMode", rows.isEmpty());
          v.put("users", rows);
          ctx.printJson(v);
          return;
        }
        out().printf("%-32s %-13s %s%n", "Users", "Role", "Status");
        for (Map<String, Object> r : rows) {
          out().printf("%-32s %-13s %s%n", r.get("name"), r.get("role"), r.get("status"));
        }
        out().printf("%d user(s)%s.%n", rows.size(), rows.isEmpty() ? ": single-admin mode" : "");
      }
    }
  }

  /** Base: {@code [-u NAME]}, the account acted on, by default your own. */
  abstract static class OnUserOrSelf extends HostCommand {
    @Option(names = {"-u", "-userName", "--username"}, paramLabel = "NAME", description = "account (default: yours)")
    String name;

    OnUserOrSelf(CliContext ctx) {
      super(ctx);
    }
  }

  @Command(name = "show", description = "Show one account (default: your own).")
  static final class Show extends OnUserOrSelf {
    @Mixin Options.Json json;

    Show(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        Map<String, Object> r = name == null && admin().singleAdmin() ? singleAdmin(admin())
            : row(store.accounts().find(name == null ? admin().name() : name)
            .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "user " + name + " does not exist")));
        if (json.json) {
          ctx.printJson(r);
          return;
        }
        out().printf("User: %s%nRole: %s%nStatus: %s%nFailed logins: %s%n", r.get("name"), r.get("role"),
            r.get("status"), r.get("failedLogins"));
      }
    }
  }

  @Command(name = "password", description = "Change an account's password (your own; admin: anyone's).")
  static final class Password extends OnUserOrSelf {
    @Mixin Options.Password password;

    Password(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      AdminSession.Admin me = admin();
      String target = name != null ? name : me.singleAdmin() ? null : me.name();
      if (target == null) {
        throw new CliException(ExitCode.USAGE, "single-admin mode has no account: give -u NAME");
      }
      if (!target.equals(me.name()) && me.role() != AdminRole.ADMIN) {
        throw new CliException(ExitCode.NOT_PERMITTED, "only an admin changes another account's password");
      }
      byte[] pw = newPassword(ctx, password.password, target);
      try (HostStore store = open()) {
        store.accounts().setPassword(target, pw);
        out().printf("Password of user %s changed.%n", target);
      } finally {
        Arrays.fill(pw, (byte) 0);
      }
    }
  }

  @Command(name = "unlock", description = "Unlock an account locked by failed logins.")
  static final class Unlock extends OnUser {
    Unlock(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      try (HostStore store = open()) {
        store.accounts().unlock(name);
        out().printf("User %s unlocked.%n", name);
      }
    }
  }

  private static Map<String, Object> singleAdmin(AdminSession.Admin me) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", me.name());
    m.put("role", me.role().label());
    m.put("status", "single-admin");
    m.put("failedLogins", 0);
    return m;
  }

  static Map<String, Object> row(Account a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("role", a.role().label());
    m.put("status", a.locked() ? "locked" : "enabled");
    m.put("failedLogins", a.failures());
    return m;
  }

  /** The new password from {@code -password P} or asked twice, as UTF-8 bytes the caller wipes. */
  static byte[] newPassword(CliContext ctx, char[] option, String user) throws CliException {
    char[] chars = Passwords.getNew(ctx, option, "Password for user " + user + ": ");
    try {
      return AdminLogin.utf8(chars);
    } finally {
      Passwords.wipe(chars);
      Passwords.wipe(option);
    }
  }
}
