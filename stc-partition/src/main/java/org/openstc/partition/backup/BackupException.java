package org.openstc.partition.backup;

import java.io.IOException;

/** A backup file that cannot be restored: damaged, truncated, wrong password or another format. */
public final class BackupException extends IOException {
  private static final long serialVersionUID = 1L;

  public BackupException(String message) {
    super(message);
  }
}
