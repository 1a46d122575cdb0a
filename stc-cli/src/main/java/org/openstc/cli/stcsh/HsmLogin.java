package org.openstc.cli.stcsh;

import java.nio.file.Path;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Passwords;
import org.openstc.partition.store.Hsm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hsm login}, {@code hsm logout}, {@code hsm changePw}: the HSM SO's credential. */
final class HsmLogin {
  private HsmLogin() {}

  @Command(name = "login", description = "Log in as HSM SO: unseal the master key into this "
      + "process's memory (in the stcsh:> shell, for the commands that follow; until hsm logout).")
  static final class Login extends HostCommand {
    @Mixin SoLogin so;

    Login(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      SoSession.login(dir, so.unsealNow(ctx, dir));
      out().println("'hsm login' successful.");
    }
  }

  @Command(name = "logout", description = "Log the HSM SO out: forget the master key in this process.")
  static final class Logout extends HostCommand {
    Logout(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      boolean was = SoSession.logout(resolveHome(home, ctx));
      out().println(was ? "'hsm logout' successful." : "'hsm logout' successful (the HSM SO was not logged in).");
    }
  }

  @Command(name = "changePw", description = "Change the HSM SO password "
      + "(re-seals the master key; the old password is required). Password-sealed hosts only.")
  static final class ChangePw extends HostCommand {
    @Option(names = {"-oldpw", "--oldpw"}, paramLabel = "P", arity = "0..1", fallbackValue = "",
        description = "current HSM SO password (prompted if omitted)")
    char[] oldPw;
    @Option(names = {"-oldpw-file", "--oldpw-file"}, paramLabel = "FILE",
        description = "read the current password from the first line of FILE")
    Path oldPwFile;
    @Option(names = {"-newpw", "--newpw"}, paramLabel = "P", arity = "0..1", fallbackValue = "",
        description = "new HSM SO password (asked twice if omitted)")
    char[] newPw;
    @Option(names = {"-newpw-file", "--newpw-file"}, paramLabel = "FILE",
        description = "read the new password from the first line of FILE")
    Path newPwFile;

    ChangePw(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected void execute() throws Exception {
      Path dir = resolveHome(home, ctx);
      Hsm.requireInitialized(dir);
      char[] old = null;
      char[] fresh = null;
      try {
        old = SoLogin.password(ctx, oldPw, oldPwFile, SoLogin.PROMPT);
        fresh = newPwFile != null ? SoLogin.password(ctx, null, newPwFile, "")
            : Passwords.getNew(ctx, newPw, "Please enter the new HSM Administrators' password: ");
        Hsm.changePassword(dir, old, fresh, Hsm.hasher(dir));
      } finally {
        Passwords.wipe(old);
        Passwords.wipe(fresh);
        Passwords.wipe(oldPw);
        Passwords.wipe(newPw);
      }
      out().println("'hsm changePw' successful.");
    }
  }
}
