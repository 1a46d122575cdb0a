package org.openstc.cli.stccm;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.CliException;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.TokenPassphrase;
import org.openstc.token.Token;
import org.openstc.token.TokenException;
import org.openstc.token.TokenHome;
import picocli.CommandLine.Mixin;

/** Base of the {@code stc ...} commands: the {@code -home} option and access to the token. */
abstract class TokenCommand implements Callable<Integer> {
  protected final CliContext ctx;
  @Mixin Options.Home homeOption;
  @Mixin Options.Help help;

  TokenCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  protected TokenHome tokenHome() {
    return TokenHome.of(ctx.home(homeOption.home));
  }

  protected Token open() throws TokenException {
    return tokenHome().open();
  }

  protected PrintWriter out() {
    return ctx.out();
  }

  /**
   * The passphrase to unlock {@code token}: null if it has none, else the option value, the
   * passphrase file ({@code file} or the environment's) or a prompt. The caller wipes the result.
   */
  protected char[] unlockPassphrase(Token token, char[] option, Path file)
      throws TokenException, CliException {
    if (!token.passphraseProtected()) {
      return option == null ? null : option.clone();
    }
    return TokenPassphrase.get(ctx, option, file, "Enter the token password: ");
  }

  @Override
  public final Integer call() throws Exception {
    execute();
    out().flush();
    return 0;
  }

  protected abstract void execute() throws Exception;
}
