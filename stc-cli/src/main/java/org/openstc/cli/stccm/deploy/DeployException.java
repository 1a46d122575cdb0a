package org.openstc.cli.stccm.deploy;

import org.openstc.cli.common.ExitCode;

/** Why {@code clientconfig deploy} stopped: the step that failed, its exit code and the reason. */
final class DeployException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String step;
  private final transient ExitCode code;

  DeployException(String step, ExitCode code, String message) {
    super(message);
    this.step = step;
    this.code = code;
  }

  String step() {
    return step;
  }

  ExitCode code() {
    return code;
  }
}
