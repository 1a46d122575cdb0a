package org.openstc.cli.stccm.deploy;

import java.nio.file.Path;

/** The steps of one kind of link ({@link NtlsDeploy}, {@link StcDeploy}) after the SSH login. */
interface LinkDeploy {
  /** Runs the steps, printing one line each; the caller undoes the host's changes if it throws. */
  void run(Path home) throws Exception;

  /** Takes back what {@link #run} changed in the client home (after a step failed). */
  void undoLocal();
}
