package org.openstc.cli.common;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Option mixins shared by stccm and stcsh. Every option has a Luna-style single-dash long name
 * ({@code -home}) and the GNU form ({@code --home}); picocli matches them case-insensitively.
 */
public final class Options {
  private Options() {}

  /** {@code -help}, {@code --help}, {@code -h}: usage help (picocli's standard mixin lacks -help). */
  public static final class Help {
    @Option(names = {"-help", "--help", "-h"}, usageHelp = true, description = "show this help")
    public boolean help;
  }

  /** {@code -home DIR}: overrides {@code STC_HOME} and {@code ~/.stc}. */
  public static final class Home {
    @Option(names = {"-home", "--home"}, paramLabel = "DIR",
        description = "openstc home directory (default: $STC_HOME, else ~/.stc)")
    public Path home;
  }

  /** {@code -json}: machine-readable output for show and list commands. */
  public static final class Json {
    @Option(names = {"-json", "--json"}, description = "print JSON instead of text")
    public boolean json;
  }

  /** {@code -force}: skip the confirmation prompt. */
  public static final class Force {
    @Option(names = {"-force", "--force", "-f"}, description = "do not ask for confirmation")
    public boolean force;
  }

  /**
   * {@code -passphrase-file FILE}: the token password is the file's first line (see
   * {@link TokenPassphrase}; {@code $STC_TOKEN_PASSPHRASE_FILE} names a default file).
   */
  public static final class PassphraseFile {
    @Option(names = {"-passphrase-file", "--passphrase-file"}, paramLabel = "FILE",
        description = "read the token password from the first line of FILE (default: the file"
            + " named by $STC_TOKEN_PASSPHRASE_FILE)")
    public Path file;
  }

  /**
   * {@code -password [P]}: with a value, for scripts; without one, a prompt without echo. The
   * value arrives as a char[] that the command wipes.
   */
  public static final class Password {
    @Option(names = {"-password", "--password", "-p"}, arity = "0..1", fallbackValue = "",
        paramLabel = "P", description = "passphrase (prompted without echo if no value given)")
    public char[] password;
  }
}
