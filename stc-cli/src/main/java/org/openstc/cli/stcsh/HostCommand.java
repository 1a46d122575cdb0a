package org.openstc.cli.stcsh;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.ExitCode;
import org.openstc.cli.common.Options;
import org.openstc.command.CkResult;
import org.openstc.partition.store.HostStore;
import org.openstc.partition.store.MasterKey;
import org.openstc.partition.store.StoreException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of the stcsh commands: the {@code -home} option, the host store, and the one place where
 * store refusals become exit codes.
 */
abstract class HostCommand implements Callable<Integer> {
  protected final CliContext ctx;
  @Mixin Options.Help help;
  @Option(names = {"-home", "--home"}, paramLabel = "DIR",
      description = "partition host home (default: $STC_HOST_HOME, else ~/.stchost)")
  Path home;
  @Mixin AdminLogin login;
  @Spec CommandSpec spec;

  HostCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  /** {@code option}, else {@code $STC_HOST_HOME} from the context, else {@code ~/.stchost}. */
  static Path resolveHome(Path option, CliContext ctx) {
    if (option != null) {
      return option.toAbsolutePath();
    }
    String env = ctx.env().get(HostStore.HOME_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".stchost");
  }

  protected HostStore open() throws StoreException {
    return HostStore.open(resolveHome(home, ctx));
  }

  /**
   * The store with the master key: the SO logged in to this process ({@code hsm login}), else
   * unsealed by {@code so}'s options or prompts. For the commands that use partition keys.
   */
  protected HostStore openUnsealed(SoLogin so) throws StoreException, CliException {
    Path dir = resolveHome(home, ctx);
    HostStore store = HostStore.open(dir);
    try {
      MasterKey key = so.unseal(ctx, dir);
      store.unseal(key);
      SoLogin.release(dir, key); // a one-command unseal; the store keeps its own primitive
      return store;
    } catch (StoreException | CliException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  protected PrintWriter out() {
    return ctx.out();
  }

  /** The command's path without {@code stcsh}, e.g. {@code client register}. */
  String path() {
    return spec.qualifiedName(" ").replaceFirst("^\\S+\\s*", "");
  }

  /** The account running this command ({@link AdminAccess}: checked before it ran). */
  protected AdminSession.Admin admin() {
    return admin;
  }

  private AdminSession.Admin admin;

  @Override
  public final Integer call() throws Exception {
    Path dir = resolveHome(home, ctx);
    SshUser.confine(ctx, dir);
    admin = AdminAccess.check(ctx, dir, path(), login);
    try {
      execute();
    } catch (StoreException e) {
      AdminAccess.audit(ctx, dir, admin, path(), AuditedCommand.describe(spec), "failed: " + e.getMessage());
      throw new CliException(exitCode(e), e.getMessage());
    } catch (CliException e) {
      AdminAccess.audit(ctx, dir, admin, path(), AuditedCommand.describe(spec), "failed: " + e.getMessage());
      throw e;
    }
    out().flush();
    try {
      if (!auditedByStore()) {
        AdminAccess.audit(ctx, dir, admin, path(), AuditedCommand.describe(spec), "0 (Success)");
      }
    } catch (StoreException e) {
      throw new CliException(ExitCode.STORE_ERROR, "done, but " + e.getMessage());
    }
    return 0;
  }

  protected abstract void execute() throws Exception;

  /** Whether the store writes this command's audit line itself when it succeeds (STC settings). */
  protected boolean auditedByStore() {
    return false;
  }

  static ExitCode exitCode(StoreException e) {
    if (e.isNotFound()) {
      return ExitCode.NOT_FOUND;
    }
    CkResult r = e.result();
    return r == CkResult.CKR_DEVICE_MEMORY ? ExitCode.STORE_FULL
        : r == CkResult.CKR_ATTRIBUTE_VALUE_INVALID ? ExitCode.ALREADY_EXISTS
        : r == CkResult.CKR_KEY_TYPE_INCONSISTENT ? ExitCode.KEY_TYPE_MISMATCH
        : r == CkResult.CKR_ARGUMENTS_BAD ? ExitCode.USAGE
        : r == CkResult.CKR_DEVICE_ERROR ? ExitCode.STORE_ERROR
        : r == CkResult.CKR_ACTION_PROHIBITED ? ExitCode.NOT_PERMITTED
        : r == CkResult.CKR_TOKEN_NOT_RECOGNIZED ? ExitCode.NOT_INITIALIZED
        : r == CkResult.CKR_PIN_INCORRECT ? ExitCode.BAD_PASSWORD
        : r == CkResult.CKR_PIN_LEN_RANGE ? ExitCode.USAGE
        : r == CkResult.CKR_USER_NOT_LOGGED_IN ? ExitCode.SO_LOGIN_REQUIRED
        : r == CkResult.CKR_PIN_LOCKED ? ExitCode.HSM_ZEROIZED
        : ExitCode.ERROR;
  }
}
