package org.openstc.cli.stcsh;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Passwords;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.cli.stcsh.AdminSession.Admin;
import org.openstc.command.CkResult;
import org.openstc.partition.store.Account;
import org.openstc.partition.store.AuditLog;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.StoreException;
import picocli.CommandLine.Option;

/**
 * How an stcsh command says who runs it on a host with administrator accounts, in this order: the
 * command's {@code -user NAME -user-password-file F}; the shell's login; {@code $STC_ADMIN_USER} with
 * {@code $STC_ADMIN_PASSWORD_FILE}. With no account defined the host is in single-admin mode and
 * nobody is asked. Every failed login is counted (the account locks after
 * {@link org.openstc.partition.store.Accounts#MAX_FAILURES}) and audited.
 */
final class AdminLogin {
  static final String USER_ENV = "STC_ADMIN_USER";
  static final String PASSWORD_FILE_ENV = "STC_ADMIN_PASSWORD_FILE";

  @Option(names = {"-user", "--user"}, paramLabel = "NAME",
      description = "administrator account running this command (default: the shell's login, else $" + USER_ENV + ")")
  String user;
  @Option(names = {"-user-password-file", "--user-password-file"}, paramLabel = "FILE",
      description = "the account's password on the first line of FILE (default: $" + PASSWORD_FILE_ENV + ")")
  Path passwordFile;

  /** Who runs the command, logging in if needed; throws when nobody can be established. */
  Admin identify(CliContext ctx, HostStore store, Path home) throws CliException, StoreException {
    if (store.accounts().singleAdminMode()) {
      return new Admin("single-admin (os user " + System.getProperty("user.name", "?") + ")",
          org.openstc.partition.store.AdminRole.ADMIN, true);
    }
    AdminSession session = ctx.state(AdminSession.class, AdminSession::new);
    if (user != null) {
      return login(ctx, store, home, user, passwordFile);
    }
    Optional<Admin> current = session.admin().filter(a -> !a.singleAdmin());
    if (current.isPresent()) {
      Optional<Account> now = store.accounts().find(current.get().name());
      if (now.isEmpty()) {
        session.logout();
        throw new CliException(ExitCode.NOT_PERMITTED, "account " + current.get().name() + " no longer exists");
      }
      return new Admin(now.get().name(), now.get().role(), false);
    }
    String envUser = ctx.env().get(USER_ENV);
    if (envUser != null && !envUser.isBlank()) {
      Admin a = login(ctx, store, home, envUser.strip(), null);
      session.loggedIn(a);
      return a;
    }
    throw new CliException(ExitCode.NOT_PERMITTED, "this host has administrator accounts: run the"
        + " command with -user NAME -user-password-file FILE (or set $" + USER_ENV + " and $"
        + PASSWORD_FILE_ENV + "), or log in to the stcsh shell");
  }

  /** {@link #shellLogin}, its refusal printed as a command's would be; 0 when the shell may run. */
  static int shellLoginStatus(CliContext ctx, Path home) {
    try {
      shellLogin(ctx, home);
      return 0;
    } catch (CliException e) {
      ctx.err().println("Error: " + e.getMessage());
      ctx.out().println(e.exitCode().resultLine());
      ctx.out().flush();
      ctx.err().flush();
      return e.exitCode().code();
    }
  }

  /**
   * The shell's {@code login as:} at start, on a host with accounts and no {@code $STC_ADMIN_USER}:
   * asks for the name and the password. A shell reading a script must use the environment.
   */
  static void shellLogin(CliContext ctx, Path home) throws CliException {
    if (!java.nio.file.Files.isDirectory(home.resolve("store"))) {
      return;
    }
    try (HostStore store = HostStore.open(home)) {
      String envUser = ctx.env().get(USER_ENV);
      if (store.accounts().singleAdminMode() || (envUser != null && !envUser.isBlank())) {
        return; // single-admin mode, or the environment logs in with the first command
      }
      ctx.terminal().inputIsScript(); // a script's next line is a command, never a name or password
      if (!ctx.terminal().canReadSecrets()) {
        throw new CliException(ExitCode.NOT_PERMITTED, "this host has administrator accounts and"
            + " the shell reads a script: set $" + USER_ENV + " and $" + PASSWORD_FILE_ENV);
      }
      String name = ctx.terminal().readLine("login as: ");
      if (name == null || name.isBlank()) {
        throw new CliException(ExitCode.NOT_PERMITTED, "no account name given");
      }
      ctx.state(AdminSession.class, AdminSession::new).loggedIn(login(ctx, store, home, name.strip(), null));
    } catch (StoreException e) {
      throw new CliException(HostCommand.exitCode(e), e.getMessage());
    }
  }

  private static Admin login(CliContext ctx, HostStore store, Path home, String name, Path file)
      throws CliException, StoreException {
    char[] chars = null;
    byte[] password = null;
    try {
      chars = password(ctx, name, file);
      password = utf8(chars);
      Account a = store.accounts().login(name, password);
      return new Admin(a.name(), a.role(), false);
    } catch (StoreException e) {
      AuditLog.append(home, name, "login", "failed: " + e.getMessage());
      ExitCode code = e.result() == CkResult.CKR_PIN_LOCKED ? ExitCode.ACCOUNT_LOCKED
          : e.result() == CkResult.CKR_PIN_INCORRECT ? ExitCode.BAD_PASSWORD : HostCommand.exitCode(e);
      throw new CliException(code, e.getMessage());
    } finally {
      Passwords.wipe(chars);
      if (password != null) {
        Arrays.fill(password, (byte) 0);
      }
    }
  }

  /** {@code chars} as UTF-8 bytes (for the store's hash); the caller wipes both. */
  static byte[] utf8(char[] chars) {
    java.nio.ByteBuffer b = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars));
    byte[] out = Arrays.copyOfRange(b.array(), b.position(), b.limit());
    Arrays.fill(b.array(), (byte) 0);
    return out;
  }

  private static char[] password(CliContext ctx, String name, Path file) throws CliException {
    Path source = file != null ? file : Optional.ofNullable(ctx.env().get(PASSWORD_FILE_ENV))
        .filter(s -> !s.isBlank()).map(Path::of).orElse(null);
    if (source != null) {
      return TokenPassphrase.read(ctx, source);
    }
    return Passwords.get(ctx, null, "Password for " + name + ": ");
  }
}
