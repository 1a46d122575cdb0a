package org.openstc.conformance;

import java.util.Objects;
import org.openstc.stc.StcError;

/**
 * What a conversation ended with, as the suite sees it from the outside: success, an exact
 * {@link StcError} from the peer (REJECT, ALERT, or a shim's {@code ERROR} line) followed by a
 * close, an orderly close with nothing said, silence, or something else entirely.
 *
 * @param error set only for {@link Kind#ERROR}
 * @param detail free text for the report (what was actually seen); not part of the comparison
 */
public record Outcome(Kind kind, StcError error, String detail) {

  /** The shapes an outcome can take. */
  public enum Kind {
    /** The conversation completed as a well-behaved peer expects. */
    SUCCESS,
    /** The peer refused with this exact code and closed the connection. */
    ERROR,
    /** The peer closed the connection without sending anything more. */
    CLOSED,
    /** The peer said nothing within the case's time limit. */
    TIMEOUT,
    /** Anything else: a frame that has no place here, a reply that does not match, a crash. */
    UNEXPECTED,
    /** The target cannot run this case (missing key type, profile or option). */
    UNSUPPORTED
  }

  public Outcome {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.ERROR) != (error != null)) {
      throw new IllegalArgumentException("an error code goes with Kind.ERROR and only with it");
    }
    detail = detail == null ? "" : detail;
  }

  public static Outcome success() {
    return new Outcome(Kind.SUCCESS, null, "");
  }

  public static Outcome success(String detail) {
    return new Outcome(Kind.SUCCESS, null, detail);
  }

  public static Outcome error(StcError error) {
    return new Outcome(Kind.ERROR, error, "");
  }

  public static Outcome error(StcError error, String detail) {
    return new Outcome(Kind.ERROR, error, detail);
  }

  public static Outcome closed(String detail) {
    return new Outcome(Kind.CLOSED, null, detail);
  }

  public static Outcome timeout(String detail) {
    return new Outcome(Kind.TIMEOUT, null, detail);
  }

  public static Outcome unexpected(String detail) {
    return new Outcome(Kind.UNEXPECTED, null, detail);
  }

  public static Outcome unsupported(String reason) {
    return new Outcome(Kind.UNSUPPORTED, null, reason);
  }

  /** Whether {@code observed} is this expected outcome: same kind and, for errors, same code. */
  public boolean matches(Outcome observed) {
    return kind == observed.kind && error == observed.error;
  }

  /** The short form used in tables: {@code SUCCESS}, the error name, {@code CLOSED}, ... */
  public String label() {
    return kind == Kind.ERROR ? error.name() : kind.name();
  }

  @Override
  public String toString() {
    return detail.isEmpty() ? label() : label() + " (" + detail + ")";
  }
}
