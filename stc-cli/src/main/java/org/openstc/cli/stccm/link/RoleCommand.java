package org.openstc.cli.stccm.link;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.Passwords;
import org.openstc.client.Slot;
import org.openstc.client.StcClientException;
import org.openstc.command.CkException;
import org.openstc.command.CkResult;
import org.openstc.command.Role;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that needs a role logged in on the channel. In the shell that is normally done before
 * with {@code role login}; {@code -role R [-password PIN]} logs in on the command's channel first,
 * which is how one-shot commands (a new channel each) get a role.
 */
abstract class RoleCommand extends SlotCommand {
  @Option(names = {"-role", "--role"}, paramLabel = "po|co|cu", converter = Roles.class,
      description = "log in as this role on the channel before the command")
  Role loginRole;
  @Option(names = {"-password", "--password", "-p"}, arity = "0..1", fallbackValue = "",
      paramLabel = "PIN", description = "the role's PIN for -role (prompted without echo if not given)")
  char[] pin;
  @Spec CommandSpec spec;

  RoleCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected Slot slot() throws StcClientException, CliException {
    Slot s = super.slot();
    try {
      if (loginRole != null && session().role(s.number()) != loginRole) {
        if (session().role(s.number()) != null) {
          s.logout();
        }
        char[] p = Passwords.get(ctx, pin, "Enter the " + loginRole.title() + " PIN: ");
        try {
          s.login(loginRole, p);
        } finally {
          Passwords.wipe(p);
        }
        session().loggedIn(s.number(), loginRole);
      }
    } finally {
      Passwords.wipe(pin);
    }
    return s;
  }

  @Override
  protected StcClientException explain(StcClientException e) {
    if (session().interactive() || !(e.getCause() instanceof CkException ck)
        || ck.result() != CkResult.CKR_USER_NOT_LOGGED_IN) {
      return e;
    }
    return new StcClientException(e.kind(), e.getMessage(), "a one-shot stccm command runs on its"
        + " own channel, so a role login from an earlier stccm command does not apply. Log in on"
        + " this command: " + spec.qualifiedName() + " ... -role " + neededRole() + " (the PIN is"
        + " prompted without echo; a script adds -password PIN), or run the commands in the stccm"
        + " shell, where role login lasts until logout", e.getCause());
  }

  /** The role this command is normally run as, in {@code -role}'s words. */
  private String neededRole() {
    String name = spec.qualifiedName(" ");
    if (name.contains(" stcconfig ") || name.endsWith(" role initpin")) {
      return "po";
    }
    return name.endsWith(" key generate") || name.endsWith(" key destroy") ? "co" : "co|cu";
  }
}
