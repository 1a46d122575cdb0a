package org.openstc.command;

/**
 * A command or response that does not parse: truncated, a length out of range, bytes left over, an
 * unknown enum code or invalid UTF-8. The partition answers it with {@link CkResult#CKR_ARGUMENTS_BAD}.
 */
public final class MalformedCommandException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedCommandException(String message) {
    super(message);
  }
}
