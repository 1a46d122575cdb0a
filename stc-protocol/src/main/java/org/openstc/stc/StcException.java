package org.openstc.stc;

/**
 * The one exception for everything a peer (or a broken local setup) can cause on a channel. It
 * carries an {@link StcError}; MAC and decryption failures all carry
 * {@link StcError#CKR_STC_RESPONSE_BAD_MAC} and no detail.
 */
public final class StcException extends Exception {
  private static final long serialVersionUID = 1L;
  private final StcError error;

  public StcException(StcError error, String message) {
    super(error.name() + " (" + error.hex() + "): " + message);
    this.error = error;
  }

  public StcException(StcError error, String message, Throwable cause) {
    super(error.name() + " (" + error.hex() + "): " + message, cause);
    this.error = error;
  }

  public StcError error() {
    return error;
  }

  /** The one authentication failure: no detail, whatever went wrong. */
  public static StcException badMac() {
    return new StcException(StcError.CKR_STC_RESPONSE_BAD_MAC, "message authentication failed");
  }
}
