package org.openstc.cli.stccm;

import org.openstc.cli.common.CliContext;
import org.openstc.cli.common.InteractiveShell;
import org.openstc.cli.common.Options;
import org.openstc.cli.common.StcCommandLine;
import org.openstc.cli.stccm.link.ClientConfigCommands;
import org.openstc.cli.stccm.link.ClientSession;
import org.openstc.cli.stccm.link.HaGroupCommands;
import org.openstc.cli.stccm.link.KeyCommands;
import org.openstc.cli.stccm.link.PartitionCommands;
import org.openstc.cli.stccm.link.RoleCommands;
import org.openstc.cli.stccm.link.SlotCommands;
import org.openstc.cli.stccm.link.StcConfigCommands;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code stccm}, the client administration tool (LunaCM's role). With arguments it runs one
 * command and exits with its code; without, it opens the {@code stccm:>} shell. Command groups are
 * subcommand classes: later groups ({@code clientconfig}, {@code slot}, {@code role},
 * {@code partition}, {@code stcconfig}) are added to the {@code subcommands} list below.
 */
@Command(name = "stccm", description = "openstc client administration.",
    subcommands = {HelpCommand.class, StcCommands.class, ClientConfigCommands.class,
        SlotCommands.class, RoleCommands.class, PartitionCommands.class, StcConfigCommands.class,
        KeyCommands.class, KeyCommands.Random.class, HaGroupCommands.class, HtlCommands.class},
    footer = {"",
        "Modes: without a command stccm opens the stccm:> shell (the primary mode).",
        "  In the shell a slot's STC channel and its role login last across commands;",
        "  a failed channel is re-established on the next command (3 tries, 0.2, 0.4,",
        "  0.8 s apart) and its login is lost. Piped input (stccm < script.txt) is",
        "  echoed after each prompt, PINs masked.",
        "  One-shot (stccm <command>) opens a channel for that command only: a login",
        "  ends with it, so commands that need a role take -role po|co|cu -password PIN.",
        "  The current slot (slot set) is kept in $STC_HOME/current_slot.",
        "Shell keys on a terminal: Tab completes commands and options, Up/Down and",
        "  Ctrl-R search the history ($STC_HOME/stccm_history, lines with a PIN or",
        "  password are never kept), Ctrl-A/E/K/U edit, Ctrl-C drops the line, Ctrl-D",
        "  or exit leaves. PIN and password prompts echo nothing.",
        "Abbreviations: any unambiguous prefix of a command or option, in both modes",
        "  (stc tokenl, par sh, -sl 2); LunaCM's short forms stcc rwse -s N, stcc rwsh,",
        "  -n (-name, -host), -p (-password), -f (-force). See docs/stccm.md.",
        "Token password: -password, -passphrase-file FILE, else the file named by",
        "  $STC_TOKEN_PASSPHRASE_FILE, else the terminal (first line of the file; a",
        "  piped shell never reads a password from the script).",
        "JSON: every list, show and status command takes -json (schemas in",
        "  docs/stccm.md); serials are strings, counts numbers.",
        "Results: Command Result : n (text[: CKR_NAME]); with -json a failure is one",
        "  JSON object on stderr {exitCode, result, ckr, message}.",
        "Key objects: key generate|destroy|encrypt|decrypt|sign|verify, listed by",
        "  partition contents; random -bytes N."})
public final class StcCm implements Runnable {
  /** The history file name under the home directory. */
  public static final String HISTORY = "stccm_history";

  @Mixin Options.Help help;
  @Spec CommandSpec spec;

  /** {@code stccm -home X} or options without a command: list the command groups. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(CliContext.system(), args));
  }

  /** Runs {@code args} (or the shell when empty) in {@code ctx}; returns the exit status. */
  public static int run(CliContext ctx, String... args) {
    StcCommandLine cli = new StcCommandLine(StcCm.class, ctx);
    try (ClientSession session = ClientSession.attach(ctx, args.length == 0)) {
      if (args.length > 0) {
        return cli.run(args);
      }
      InteractiveShell shell = new InteractiveShell(cli, "stccm", ctx.home(null).resolve(HISTORY));
      shell.loadHistory();
      return shell.run();
    }
  }
}
