package org.openstc.conformance;

/**
 * The verdict on one case. {@link #UNSUPPORTED} is neither a pass nor a failure: it means the case
 * could not be run against this target (a key type, a partition profile or an option is missing).
 * A run passes only when no required case FAILed; the report counts unsupported cases separately
 * and {@code -strict} turns unsupported required cases into a failing exit code.
 */
public enum Verdict {
  PASS, FAIL, UNSUPPORTED
}
