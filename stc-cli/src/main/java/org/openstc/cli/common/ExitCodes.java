package org.openstc.cli.common;

import java.io.IOException;
import org.openstc.client.StcClientException;
import org.openstc.command.CkException;
import org.openstc.identity.IdentityFileException;
import org.openstc.stc.StcException;
import org.openstc.token.TokenException;
import picocli.CommandLine;
import picocli.CommandLine.IExitCodeExceptionMapper;

/** The one place where exceptions become exit codes. */
public final class ExitCodes implements IExitCodeExceptionMapper {

  @Override
  public int getExitCode(Throwable exception) {
    return of(exception).code();
  }

  /** The exit code for {@code e}; unknown exceptions are {@link ExitCode#ERROR}. */
  public static ExitCode of(Throwable e) {
    if (e instanceof CliException c) {
      return c.exitCode();
    } else if (e instanceof TokenException t) {
      return of(t.reason());
    } else if (e instanceof IdentityFileException i) {
      return i.reason() == IdentityFileException.Reason.IO_ERROR ? ExitCode.IO_ERROR
          : i.reason() == IdentityFileException.Reason.WRONG_KEY_TYPE ? ExitCode.KEY_TYPE_MISMATCH
          : ExitCode.INVALID_FILE;
    } else if (e instanceof StcClientException s) {
      return of(s);
    } else if (e instanceof CommandLine.ParameterException) {
      return ExitCode.USAGE;
    } else if (e instanceof IOException) {
      return ExitCode.IO_ERROR;
    }
    return ExitCode.ERROR;
  }

  /**
   * The PKCS#11 name of the result behind {@code e} ({@code CKR_PIN_INCORRECT},
   * {@code CKR_STC_CLIENT_HANDLE_INVALID}; the hex value for a code this version does not know), or
   * null when the failure did not come from the partition or the channel.
   */
  public static String ckrName(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CkException ck) {
        return ck.result() != null ? ck.result().name() : String.format("0x%08X", ck.code());
      } else if (t instanceof StcException stc) {
        return stc.error().name();
      }
    }
    return null;
  }

  /** Client library failures: what happened on the channel, or the token error behind it. */
  static ExitCode of(StcClientException e) {
    switch (e.kind()) {
      case TOKEN: return e.getCause() instanceof TokenException t ? of(t.reason()) : ExitCode.NOT_INITIALIZED;
      case CONFIG: return ExitCode.CLIENT_CONFIG;
      case SERVER_DOWN: return ExitCode.SERVER_DOWN;
      case PARTITION_UNKNOWN: return ExitCode.PARTITION_UNKNOWN;
      case NOT_REGISTERED: return ExitCode.NOT_REGISTERED;
      case PARTITION_AUTH_FAILED: return ExitCode.PARTITION_AUTH_FAILED;
      case RECORD_AUTH_FAILED: return ExitCode.RECORD_AUTH_FAILED;
      case TIMEOUT: return ExitCode.TIMEOUT;
      case COMMAND: return ExitCode.COMMAND_FAILED;
      default: return ExitCode.CHANNEL_ERROR;
    }
  }

  static ExitCode of(TokenException.Reason reason) {
    switch (reason) {
      case NOT_INITIALIZED: case NO_IDENTITY: return ExitCode.NOT_INITIALIZED;
      case ALREADY_INITIALIZED: case IDENTITY_EXISTS: return ExitCode.ALREADY_EXISTS;
      case WRONG_PASSPHRASE: case PASSPHRASE_REQUIRED: return ExitCode.BAD_PASSWORD;
      case PARTITION_NOT_FOUND: return ExitCode.NOT_FOUND;
      case PARTITION_CONFLICT: return ExitCode.CONFLICT;
      case KEY_TYPE_MISMATCH: return ExitCode.KEY_TYPE_MISMATCH;
      case HASH_MISMATCH: return ExitCode.HASH_MISMATCH;
      case INVALID_ARGUMENT: return ExitCode.USAGE;
      case BUSY: return ExitCode.BUSY;
      case FULL: return ExitCode.STORE_FULL;
      case INCOMPATIBLE_VERSION: return ExitCode.INCOMPATIBLE;
      case CORRUPT: return ExitCode.STORE_ERROR;
      case IO_ERROR: return ExitCode.IO_ERROR;
      default: return ExitCode.ERROR;
    }
  }
}
