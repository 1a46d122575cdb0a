package org.openstc.cli.common;

/**
 * The stable exit codes of stccm and stcsh (docs/identity-files.md has the table for users). The
 * value is the process exit status and the number printed in {@code Command Result : n (text)}.
 * Codes are never renumbered; new ones are appended. 1-19 are general and token codes; 20-39 are
 * reserved for the partition host and channel.
 */
public enum ExitCode {
  SUCCESS(0, "Success"),
  ERROR(1, "Unexpected error"),
  USAGE(2, "Invalid command or argument"),
  CANCELLED(3, "Cancelled"),
  NOT_INITIALIZED(4, "Not initialized"),
  ALREADY_EXISTS(5, "Already exists"),
  NOT_FOUND(6, "Not found"),
  INVALID_FILE(7, "Invalid identity file"),
  HASH_MISMATCH(8, "Hash mismatch"),
  KEY_TYPE_MISMATCH(9, "Key type mismatch"),
  CONFLICT(10, "Conflicts with a registered identity"),
  BAD_PASSWORD(11, "Incorrect password"),
  BUSY(12, "Busy"),
  STORE_FULL(13, "Store full"),
  INCOMPATIBLE(14, "Incompatible store version"),
  STORE_ERROR(15, "Store error"),
  IO_ERROR(16, "I/O error"),
  NOT_RUNNING(20, "Service not running"),
  CHANNEL_ERROR(21, "Channel error"),
  SERVER_DOWN(22, "Server unreachable"),
  TIMEOUT(23, "Timed out"),
  NOT_REGISTERED(24, "Identity not registered"),
  PARTITION_AUTH_FAILED(25, "Partition authentication failed"),
  COMMAND_FAILED(26, "Partition refused the command"),
  CLIENT_CONFIG(27, "Client configuration error"),
  PARTITION_UNKNOWN(28, "Partition not on server"),
  RECORD_AUTH_FAILED(29, "Record failed authentication"),
  SO_LOGIN_REQUIRED(30, "HSM SO login required"),
  HSM_ZEROIZED(31, "HSM SO login failure threshold: HSM zeroized"),
  NOT_PERMITTED(44, "Not permitted"),
  ACCOUNT_LOCKED(45, "Account locked");

  private final int code;
  private final String text;

  ExitCode(int code, String text) {
    this.code = code;
    this.text = text;
  }

  public int code() {
    return code;
  }

  public String text() {
    return text;
  }

  /** The LunaCM-style closing line, e.g. {@code Command Result : 0 (Success)}. */
  public String resultLine() {
    return resultLine(null);
  }

  /**
   * The closing line with the PKCS#11 result behind a failure, e.g.
   * {@code Command Result : 26 (Partition refused the command: CKR_USER_NOT_LOGGED_IN)};
   * {@code ckr} null gives the plain line.
   */
  public String resultLine(String ckr) {
    return "Command Result : " + code + " (" + text + (ckr == null ? "" : ": " + ckr) + ")";
  }

  public static ExitCode of(int code) {
    for (ExitCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return ERROR;
  }
}
