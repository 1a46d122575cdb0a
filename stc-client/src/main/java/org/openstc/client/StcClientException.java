package org.openstc.client;

/**
 * Every failure of the client library, with what happened ({@link Kind}), a message and what the
 * user can do about it. {@link #getMessage()} combines both.
 */
public final class StcClientException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, coarsely, for exit codes and retry decisions. */
  public enum Kind {
    /** The token, identity or passphrase is missing or wrong. */
    TOKEN,
    /** The client's own configuration (server list, slots) is wrong or unreadable. */
    CONFIG,
    /** Nothing answered at the server's address. */
    SERVER_DOWN,
    /** The server has no partition with that serial. */
    PARTITION_UNKNOWN,
    /** The partition does not know (or no longer knows) our identity. */
    NOT_REGISTERED,
    /** The partition did not prove the identity registered for it (wrong .pid or an attacker). */
    PARTITION_AUTH_FAILED,
    /** A record on an active channel failed authentication: altered or corrupted in transit. */
    RECORD_AUTH_FAILED,
    /** No answer in time. */
    TIMEOUT,
    /** The channel failed for another protocol reason (the code says which). */
    CHANNEL,
    /** The partition answered the command with an error result (CKR_*). */
    COMMAND
  }

  private final Kind kind;
  private final String advice;

  public StcClientException(Kind kind, String message, String advice) {
    this(kind, message, advice, null);
  }

  public StcClientException(Kind kind, String message, String advice, Throwable cause) {
    super(advice == null ? message : message + " (" + advice + ")", cause);
    this.kind = kind;
    this.advice = advice;
  }

  public Kind kind() {
    return kind;
  }

  /** What to do about it, or null. */
  public String advice() {
    return advice;
  }

  /** True for failures where reconnecting later can help. */
  public boolean isTransient() {
    return kind == Kind.SERVER_DOWN || kind == Kind.TIMEOUT || kind == Kind.CHANNEL;
  }
}
