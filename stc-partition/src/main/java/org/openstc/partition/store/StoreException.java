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

  public StoreException(CkResult result, String message) {
    super(message);
    this.result = result;
  }

  public StoreException(CkResult result, String message, Throwable cause) {
    super(message, cause);
    this.result = result;
  }

  public CkResult result() {
    return result;
  }

  static StoreException notFound(String what) {
    return new StoreException(CkResult.CKR_ARGUMENTS_BAD, what + " does not exist");
  }

  static StoreException corrupt(String what, Throwable cause) {
    return new StoreException(CkResult.CKR_DEVICE_ERROR, "stored " + what + " is damaged", cause);
  }
}
