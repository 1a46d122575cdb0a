package org.openstc.cli.common;

/** A failure a command reports itself (cancelled confirmation, missing input) with its exit code. */
public final class CliException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;

  public CliException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
