package org.openstc.identity;

/**
 * An identity file that cannot be used. Every rejection carries a {@link Reason}, so callers and
 * tests can tell a truncated file from a forged one without parsing messages.
 */
public final class IdentityFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a file was rejected. */
  public enum Reason {
    /** The file could not be read (missing, unreadable, too large). */
    IO_ERROR,
    /** No {@code -----BEGIN STC ... IDENTITY-----} / {@code -----END ...-----} pair. */
    NOT_ARMOURED,
    /** Armour lines present but wrong: unknown label, BEGIN/END differ, text outside them. */
    BAD_ARMOUR,
    /** A header line is missing, repeated, unknown or malformed. */
    BAD_HEADER,
    /** The body is not valid base64. */
    BAD_BASE64,
    /** The body ends before all its fields. */
    TRUNCATED,
    /** The body does not start with the magic bytes {@code STCIDENT}. */
    BAD_MAGIC,
    /** The format version is not one this implementation reads. */
    UNSUPPORTED_VERSION,
    /** The kind byte is unknown, or not the kind the caller asked for. */
    WRONG_KIND,
    /** The key type code is unknown. */
    UNKNOWN_KEY_TYPE,
    /** The key type is valid but not the one the caller requires. */
    WRONG_KEY_TYPE,
    /** The public key is not a valid key of its type. */
    BAD_KEY,
    /** The label is empty, too long or has characters outside the allowed set. */
    BAD_LABEL,
    /** The serial is zero for a partition, or non-zero for a client. */
    BAD_SERIAL,
    /** The body checksum (CRC-32) does not match: the file was altered or damaged. */
    BAD_CHECKSUM,
    /** Bytes follow the checksum. */
    TRAILING_DATA,
    /** A header disagrees with the body (kind, key type, label, serial or fingerprint). */
    HEADER_MISMATCH
  }

  private final Reason reason;

  public IdentityFileException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public IdentityFileException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
