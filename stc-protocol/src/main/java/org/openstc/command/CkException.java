package org.openstc.command;

/**
 * A command that failed with a result code other than {@link CkResult#CKR_OK}, and a message for
 * the operator. The partition turns it into an error response; the client library raises it from
 * one.
 */
public final class CkException extends Exception {
  private static final long serialVersionUID = 1L;
  private final long code;

  public CkException(CkResult result, String message) {
    this(result.code(), message);
  }

  /** For codes read from the wire that this implementation may not know. */
  public CkException(long code, String message) {
    super(message);
    this.code = code;
  }

  /** The wire value. */
  public long code() {
    return code;
  }

  /** The known result, or {@code null} for a code this implementation does not know. */
  public CkResult result() {
    return CkResult.fromCode(code);
  }

  /** {@code CKR_NAME (0x...): message}. */
  public String describe() {
    CkResult r = result();
    String name = r == null ? String.format("0x%08X", code) : r.describe();
    return name + ": " + getMessage();
  }
}
