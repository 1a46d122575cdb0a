package org.openstc.cli.vtl;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.Options;
import org.openstc.client.NtlsConfig;
import org.openstc.client.StcClientException;
import picocli.CommandLine.Mixin;

/** Base of the vtl commands: the client home ({@code -home}, {@code $STC_HOME}, {@code ~/.stc}). */
abstract class VtlCommand implements Callable<Integer> {
  protected final CliContext ctx;
  @Mixin Options.Home homeOption;
  @Mixin Options.Help help;

  VtlCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  protected Path home() {
    return ctx.home(homeOption.home);
  }

  protected NtlsConfig config() throws StcClientException {
    return NtlsConfig.load(home());
  }

  protected PrintWriter out() {
    return ctx.out();
  }

  @Override
  public final Integer call() throws Exception {
    try {
      execute();
    } finally {
      out().flush();
    }
    return 0;
  }

  protected abstract void execute() throws Exception;
}
