package org.openstc.partition.store;

import org.openstc.command.CkResult;

/**
 * Every refusal and failure of the host store, with the PKCS#11 result the command protocol sends
 * for it ({@code CKR_DEVICE_MEMORY} for a partition that is full, {@code CKR_DEVICE_ERROR} for a
 * failing LMDB, ...) and a message for the operator.
 */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;
  private final CkResult result;
  private final boolean notFound;

  public StoreException(CkResult result, String message) {
    this(result, message, false);
  }

  private StoreException(CkResult result, String message, boolean notFound) {
    super(message);
    this.result = result;
    this.notFound = notFound;
  }

  public StoreException(CkResult result, String message, Throwable cause) {
    super(message, cause);
    this.result = result;
    this.notFound = false;
  }

  public CkResult result() {
    return result;
  }

  /** Whether the refusal is that a named partition or client does not exist. */
  public boolean isNotFound() {
    return notFound;
  }

  /** A partition or client that does not exist: CKR_ARGUMENTS_BAD, flagged for the CLIs. */
  static StoreException notFound(String message) {
    return new StoreException(CkResult.CKR_ARGUMENTS_BAD, message, true);
  }

  static StoreException corrupt(String what, Throwable cause) {
    return new StoreException(CkResult.CKR_DEVICE_ERROR, "stored " + what + " is damaged", cause);
  }
}
