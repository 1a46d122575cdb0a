package org.openstc.cli.common;

import java.util.Arrays;

/**
 * Passphrases from {@code -password} or the terminal, always as char[] that the caller wipes. A
 * shell reading a script never takes a password from the script's next line.
 */
public final class Passwords {
  private Passwords() {}

  /** The option value if non-empty, else a prompt. Throws if input ends or the answer is empty. */
  public static char[] get(CliContext ctx, char[] option, String prompt) throws CliException {
    if (option != null && option.length > 0) {
      return option.clone();
    }
    if (!ctx.terminal().canReadSecrets()) {
      throw new CliException(ExitCode.USAGE, "no terminal to ask for a password: the shell reads its"
          + " commands from a pipe, and its next line is a command, not a password. Give a PIN with"
          + " -password on the command, the token password with -passphrase-file FILE or $"
          + TokenPassphrase.ENV + ", or run the shell on a terminal");
    }
    char[] read = ctx.terminal().readPassword(prompt);
    if (read == null || read.length == 0) {
      wipe(read);
      throw new CliException(ExitCode.USAGE, "no password given");
    }
    return read;
  }

  /** Asks twice for a new passphrase (unless given as an option) and requires both to match. */
  public static char[] getNew(CliContext ctx, char[] option, String prompt) throws CliException {
    if (option != null && option.length > 0) {
      return option.clone();
    }
    char[] first = get(ctx, null, prompt);
    char[] second = null;
    try {
      second = get(ctx, null, "Re-enter to confirm: ");
      if (!Arrays.equals(first, second)) {
        throw new CliException(ExitCode.USAGE, "the passwords do not match");
      }
      char[] result = first;
      first = null;
      return result;
    } finally {
      wipe(first);
      wipe(second);
    }
  }

  public static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
