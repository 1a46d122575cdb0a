package org.openstc.cli.stccm.link;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.Passwords;
import org.openstc.client.Slot;
import org.openstc.command.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code role} group. A login belongs to the slot's channel: in the shell it lasts until
 * logout or until the channel is lost; a one-shot command has its own channel, so a one-shot
 * login ends with the command.
 */
@Command(name = "role", description = "Log in and out of the current slot, set and change PINs.",
    subcommands = {RoleCommands.Login.class, RoleCommands.Logout.class, RoleCommands.ChangePin.class,
        RoleCommands.InitPin.class})
public final class RoleCommands implements Runnable {
  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "login", description = "Log in as po (Partition SO), co (Crypto Officer) or cu (Crypto User).")
  static final class Login extends SlotCommand {
    @Option(names = {"-name", "--name", "-n", "-role", "--role"}, required = true, paramLabel = "po|co|cu",
        converter = Roles.class, description = "the role")
    Role role;
    @Mixin Options.Password password;

    Login(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Slot s = slot();
      char[] pin = Passwords.get(ctx, password.password, "Enter the " + role.title() + " PIN: ");
      try {
        s.login(role, pin);
      } finally {
        Passwords.wipe(pin);
        Passwords.wipe(password.password);
      }
      session().loggedIn(s.number(), role);
      out().printf("Successfully logged in as %s on slot %d.%n", role.title(), s.number());
      if (!session().interactive()) {
        out().println("Note: this one-shot stccm command has its own channel, so the login ends"
            + " with it. Use the stccm shell, or -role/-password on the command that needs the role.");
      }
    }
  }

  @Command(name = "logout", description = "Log out of the current slot.")
  static final class Logout extends SlotCommand {
    Logout(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Slot s = slot();
      s.logout();
      session().loggedIn(s.number(), null);
      out().printf("Successfully logged out of slot %d.%n", s.number());
    }
  }

  @Command(name = "changepin", description = "Change the PIN of the logged-in role.")
  static final class ChangePin extends RoleCommand {
    @Option(names = {"-oldpin", "--oldpin"}, arity = "0..1", fallbackValue = "", paramLabel = "PIN",
        description = "the current PIN (prompted if not given)")
    char[] oldOption;
    @Option(names = {"-newpin", "--newpin"}, arity = "0..1", fallbackValue = "", paramLabel = "PIN",
        description = "the new PIN, 8..64 printable ASCII (prompted twice if not given)")
    char[] newOption;

    ChangePin(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      char[] oldPin = null;
      char[] newPin = null;
      try {
        Slot s = slot();
        oldPin = Passwords.get(ctx, oldOption, "Enter the current PIN: ");
        newPin = Passwords.getNew(ctx, newOption, "Enter the new PIN: ");
        s.changePin(oldPin, newPin);
        out().printf("Successfully changed the PIN on slot %d.%n", s.number());
      } finally {
        Passwords.wipe(oldPin);
        Passwords.wipe(newPin);
        Passwords.wipe(oldOption);
        Passwords.wipe(newOption);
      }
    }
  }

  @Command(name = "initpin", description = "Set the PIN of the Crypto Officer or Crypto User (Partition SO logged in).")
  static final class InitPin extends RoleCommand {
    @Option(names = {"-name", "--name", "-n"}, required = true, paramLabel = "co|cu", converter = Roles.class,
        description = "the role whose PIN is set")
    Role target;
    @Option(names = {"-newpin", "--newpin"}, arity = "0..1", fallbackValue = "", paramLabel = "PIN",
        description = "the new PIN, 8..64 printable ASCII (prompted twice if not given)")
    char[] newOption;

    InitPin(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      char[] pin = null;
      try {
        if (target == Role.PO) {
          throw new CliException(ExitCode.USAGE, "initpin sets the co or cu PIN; the Partition SO PIN"
              + " is set by partition init and changed with role changepin");
        }
        Slot s = slot();
        pin = Passwords.getNew(ctx, newOption, "Enter the new " + target.title() + " PIN: ");
        s.initPin(target, pin);
        out().printf("Successfully set the %s PIN on slot %d.%n", target.title(), s.number());
      } finally {
        Passwords.wipe(pin);
        Passwords.wipe(newOption);
      }
    }
  }
}
