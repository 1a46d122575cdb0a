package org.openstc.conformance;

/**
 * The result of one case: what was expected, what was observed, and the verdict. For hostile cases
 * {@code sanity} says whether a well-behaved peer was still served afterwards (null when no check
 * ran); a failed sanity check fails the case even if the hostile part matched.
 */
public record CaseResult(ConformanceCase<?> testCase, Outcome observed, String sanity,
    Verdict verdict, long millis) {

  public String id() {
    return testCase.id();
  }

  /** One line explaining a FAIL or UNSUPPORTED, or empty for a PASS. */
  public String reason() {
    if (verdict == Verdict.PASS) {
      return "";
    }
    if (verdict == Verdict.UNSUPPORTED) {
      return observed.detail();
    }
    if (!testCase.expected().matches(observed)) {
      return "expected " + testCase.expected().label() + ", observed " + observed;
    }
    return "after the case, a well-behaved peer was not served: " + sanity;
  }
}
