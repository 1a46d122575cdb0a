package org.openstc.conformance;

/** Thrown by a case body when the target lacks what the case needs; reported as UNSUPPORTED. */
public final class Unsupported extends Exception {
  private static final long serialVersionUID = 1L;

  public Unsupported(String reason) {
    super(reason);
  }
}
