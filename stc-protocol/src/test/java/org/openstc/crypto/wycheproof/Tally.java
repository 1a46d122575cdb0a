package org.openstc.crypto.wycheproof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.util.encoders.Hex;

/**
 * Runs Wycheproof cases for one provider and one file, counts the outcomes and reports them.
 *
 * <p>Rules: a {@code valid} case must produce the expected bytes; an {@code invalid} case must be
 * rejected with an exception; an {@code acceptable} case must do what the test's decision table
 * says. A case that produces bytes other than the expected ones always fails. Only
 * {@link GeneralSecurityException} and {@link IllegalArgumentException} count as a rejection; any
 * other exception is a bug. Failures are collected so that one run reports all of them.
 */
final class Tally {
  /** What a case must do. */
  enum Expect { ACCEPT, REJECT }

  /** One operation under test; it returns the bytes to compare with the expected ones. */
  interface Op {
    byte[] run() throws GeneralSecurityException;
  }

  private final String provider;
  private final String file;
  private final Map<String, Integer> notes = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private int ran;
  private int valid;
  private int invalid;
  private int acceptableAccepted;
  private int acceptableRejected;
  private int notApplicable;

  Tally(String provider, String file) {
    this.provider = provider;
    this.file = file;
  }

  /** Counts a case the interface cannot express, with the reason. */
  void notApplicable(String reason) {
    notApplicable++;
    note("not applicable: " + reason);
  }

  /** Counts a remark (for example which route a case took) for the report. */
  void note(String remark) {
    notes.merge(remark, 1, Integer::sum);
  }

  /**
   * Runs one case. {@code decision} is the test's decision for an {@code acceptable} case and is
   * ignored for the others.
   */
  void check(int tcId, String result, Expect decision, Op op, byte[] expected) {
    ran++;
    Expect expect = expectation(tcId, result, decision);
    if (expect == null) {
      return;
    }
    boolean accepted;
    try {
      byte[] out = op.run();
      if (!Arrays.equals(out, expected)) {
        failures.add("tc " + tcId + " (" + result + "): wrong output " + Hex.toHexString(out));
        return;
      }
      accepted = true;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      accepted = false;
    } catch (RuntimeException e) {
      failures.add("tc " + tcId + " (" + result + "): unexpected " + e);
      return;
    }
    count(tcId, result, expect, accepted);
  }

  private Expect expectation(int tcId, String result, Expect decision) {
    switch (result) {
      case "valid": return Expect.ACCEPT;
      case "invalid": return Expect.REJECT;
      case "acceptable":
        if (decision == null) {
          failures.add("tc " + tcId + ": acceptable case without a decision");
        }
        return decision;
      default:
        failures.add("tc " + tcId + ": unknown result " + result);
        return null;
    }
  }

  private void count(int tcId, String result, Expect expect, boolean accepted) {
    if (accepted != (expect == Expect.ACCEPT)) {
      failures.add("tc " + tcId + " (" + result + "): expected " + expect + " but "
          + (accepted ? "accepted" : "rejected"));
    } else if (result.equals("valid")) {
      valid++;
    } else if (result.equals("invalid")) {
      invalid++;
    } else if (accepted) {
      acceptableAccepted++;
    } else {
      acceptableRejected++;
    }
  }

  /** Prints the counts and fails on any failure, or if no case ran. */
  void finish() {
    System.out.printf("[wycheproof] %-4s %-34s ran=%d valid=%d invalid=%d acceptable(accepted=%d"
            + ", rejected=%d) not-applicable=%d%n", provider, file, ran, valid, invalid,
        acceptableAccepted, acceptableRejected, notApplicable);
    notes.forEach((k, v) -> System.out.printf("[wycheproof] %-4s %-34s   %s: %d%n", provider,
        file, k, v));
    if (!failures.isEmpty()) {
      fail(provider + " " + file + ": " + failures.size() + " failures:\n"
          + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    }
    assertTrue(ran > 0, provider + " " + file + ": no case ran");
    assertEquals(ran, valid + invalid + acceptableAccepted + acceptableRejected, "counts add up");
  }
}
