package org.openstc.token;

/** Everything that can go wrong with the soft token, with a {@link Reason} callers switch on. */
public final class TokenException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a token operation failed. */
  public enum Reason {
    /** No token under the home directory: run tokeninit. */
    NOT_INITIALIZED,
    /** tokeninit on a home that already has a token. */
    ALREADY_INITIALIZED,
    /** The token has no client identity: run identitycreate. */
    NO_IDENTITY,
    /** identitycreate when the token already has its one identity. */
    IDENTITY_EXISTS,
    /** The passphrase does not unlock the token (the failure is counted). */
    WRONG_PASSPHRASE,
    /** The token is protected by a passphrase and none was given. */
    PASSPHRASE_REQUIRED,
    /** No partition with that serial is registered. */
    PARTITION_NOT_FOUND,
    /** The serial is already registered with another key. */
    PARTITION_CONFLICT,
    /** The partition key type differs from the client identity's. */
    KEY_TYPE_MISMATCH,
    /** The expected hash given by the user differs from the file's fingerprint. */
    HASH_MISMATCH,
    /** A label, serial or other argument is invalid. */
    INVALID_ARGUMENT,
    /** Another process holds the token (initialising or deleting it). */
    BUSY,
    /** The store reached its size limit. */
    FULL,
    /** The store was written by a newer openstc (schema version unknown). */
    INCOMPATIBLE_VERSION,
    /** The store content is damaged or inconsistent. */
    CORRUPT,
    /** A file system or LMDB error. */
    IO_ERROR
  }

  private final Reason reason;

  public TokenException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public TokenException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
