package org.openstc.cli.stcsh;

import java.nio.file.Path;
import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.InteractiveShell;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.StcCommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code stcsh}, the partition host administration tool (LunaSH's role). With arguments it runs
 * one command and exits with its code; without, it opens the {@code stcsh:>} shell. Command groups
 * are subcommand classes: the {@code service} group is added to the {@code subcommands} list below.
 */
@Command(name = "stcsh", description = "openstc partition host administration.",
    subcommands = {HelpCommand.class, PartitionCommands.class, ClientCommands.class,
        ServiceCommands.class, StcSettingsCommands.class, HsmCommands.class,
        UserCommands.class, AuditCommands.class, SysconfCommands.class,
        NtlsCommands.class, HtlCommands.class, MyCommands.class},
    footer = {"", "Abbreviations: any unambiguous prefix of a command or option, in both modes",
        "  (par cr -p NAME -s BYTES). See docs/partition-host.md.",
        "Shell keys on a terminal: Tab completes commands and options, Up/Down and",
        "  Ctrl-R search the history ($STC_HOST_HOME/stcsh_history), Ctrl-C drops the",
        "  line, Ctrl-D or exit leaves.",
        "Long work (client register -dir DIR) shows a progress line on a terminal only."})
public final class StcSh implements Runnable {
  /** The history file name under the host home directory. */
  public static final String HISTORY = "stcsh_history";

  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(CliContext.system(), args));
  }

  /** Runs {@code args} (or the shell when empty) in {@code ctx}; returns the exit status. */
  public static int run(CliContext ctx, String... args) {
    StcCommandLine cli = new StcCommandLine(StcSh.class, ctx);
    if (args.length > 0) {
      return cli.run(args);
    }
    Path history = HostCommand.resolveHome(null, ctx).resolve(HISTORY);
    int refused = AdminLogin.shellLoginStatus(ctx, history.getParent());
    if (refused != 0) {
      return refused;
    }
    InteractiveShell shell = new InteractiveShell(cli, "stcsh", history);
    shell.loadHistory();
    return shell.run();
  }
}
