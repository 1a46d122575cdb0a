package org.openstc.conformance;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One conformance case: a stable id ({@code OPEN-007}), the docs/protocol.md clause it checks, a
 * one-line description, whether it is required, the exact expected outcome, and a scripted
 * conversation that returns what the target actually did. Negative cases are data: the body is a
 * script, the expectation is a value (like BoringSSL's runner tests or tlsfuzzer's conversations).
 *
 * @param <T> the kind of target the case talks to
 */
public final class ConformanceCase<T> {
  private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-\\d{3}");

  /** The scripted conversation. */
  @FunctionalInterface
  public interface Body<T> {
    /**
     * Runs the conversation and reports what was observed.
     *
     * @throws Unsupported when the target cannot run this case
     * @throws Exception anything else is an UNEXPECTED outcome, never a pass
     */
    Outcome run(T target) throws Exception;
  }

  private final String id;
  private final String clause;
  private final String description;
  private final boolean required;
  private final Outcome expected;
  private final boolean hostile;
  private final Body<T> body;

  private ConformanceCase(String id, String clause, String description, boolean required,
      Outcome expected, boolean hostile, Body<T> body) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("case id must look like OPEN-007: " + id);
    }
    if (expected.kind() == Outcome.Kind.UNSUPPORTED || expected.kind() == Outcome.Kind.UNEXPECTED) {
      throw new IllegalArgumentException(id + ": cannot expect " + expected.kind());
    }
    this.id = id;
    this.clause = Objects.requireNonNull(clause);
    this.description = Objects.requireNonNull(description);
    this.required = required;
    this.expected = expected;
    this.hostile = hostile;
    this.body = Objects.requireNonNull(body);
  }

  /** A required case whose peer behaves well: it must succeed. */
  public static <T> ConformanceCase<T> positive(String id, String clause, String description,
      Body<T> body) {
    return new ConformanceCase<>(id, clause, description, true, Outcome.success(), false, body);
  }

  /** A required hostile case: the target must end it with {@code expected}. */
  public static <T> ConformanceCase<T> hostile(String id, String clause, String description,
      Outcome expected, Body<T> body) {
    return new ConformanceCase<>(id, clause, description, true, expected, true, body);
  }

  /** The same case, but not required (its failure is reported and does not fail the run). */
  public ConformanceCase<T> optional() {
    return new ConformanceCase<>(id, clause, description, false, expected, hostile, body);
  }

  public String id() {
    return id;
  }

  public String clause() {
    return clause;
  }

  public String description() {
    return description;
  }

  public boolean required() {
    return required;
  }

  public Outcome expected() {
    return expected;
  }

  /** Whether the runner follows this case with a well-behaved-peer sanity check. */
  public boolean hostile() {
    return hostile;
  }

  Body<T> body() {
    return body;
  }

  @Override
  public String toString() {
    return id + " [" + clause + "] " + description + " -> " + expected.label();
  }
}
