package org.openstc.cli.stccm.link;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.client.StcClientException;
import picocli.CommandLine.Mixin;

/** Base of the commands that use the client configuration or a slot's channel. */
abstract class LinkCommand implements Callable<Integer> {
  protected final CliContext ctx;
  @Mixin Options.Home homeOption;
  @Mixin Options.Help help;
  @Mixin Options.PassphraseFile passphraseFile;

  LinkCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  protected Path home() {
    return ctx.home(homeOption.home);
  }

  protected ClientSession session() {
    return ClientSession.of(ctx);
  }

  protected PrintWriter out() {
    return ctx.out();
  }

  @Override
  public final Integer call() throws Exception {
    session().passphraseFile(passphraseFile.file);
    try {
      execute();
    } catch (StcClientException e) {
      throw explain(e);
    } finally {
      out().flush();
    }
    return 0;
  }

  protected abstract void execute() throws Exception;

  /** A failure as the user should read it; commands add what is specific to them. */
  protected StcClientException explain(StcClientException e) {
    return e;
  }
}
