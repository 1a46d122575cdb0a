package org.openstc.cli.common;

/** LunaCM's confirmation: the user types {@code proceed}, or the command is cancelled. */
public final class Confirmation {
  public static final String WORD = "proceed";

  private Confirmation() {}

  /**
   * Returns normally if {@code force} or the user types {@code proceed}; otherwise throws
   * {@link ExitCode#CANCELLED}.
   */
  public static void require(CliContext ctx, boolean force, String question) throws CliException {
    if (force) {
      return;
    }
    ctx.out().println(question);
    String answer = ctx.terminal().readLine("Type 'proceed' to continue, or 'quit' to quit now -> ");
    if (answer == null || !WORD.equalsIgnoreCase(answer.strip())) {
      throw new CliException(ExitCode.CANCELLED,
          answer == null ? "no confirmation on input (use -force in scripts)" : "cancelled, nothing changed");
    }
  }
}
