package org.openstc.conformance;

/**
 * The docs/protocol.md (Part 1) clauses the cases cite, by section title, in one place so that the
 * report follows the spec's headings. Each constant is the title of the section that states the rule.
 */
public final class Clauses {
  private Clauses() {}

  public static final String FRAMES = "Frames";
  public static final String SUITES = "Suites";
  public static final String OPEN = "OPEN";
  public static final String PROLOGUE = "OPEN/Prologue";
  public static final String RETRY = "RETRY";
  public static final String OPEN_RESPONSE = "OPEN_RESPONSE";
  public static final String IDENTITIES = "OPEN/Client identity";
  public static final String KEYS = "OPEN/Public keys";
  public static final String ACTIVATE = "ACTIVATE";
  public static final String ACTIVATION_TIMEOUT = "ACTIVATE/Activation timeout";
  public static final String RECORDS = "Records";
  public static final String PROTECTION = "Record protection";
  public static final String RECEIVING = "Receiving a record";
  public static final String REPLAY = "Replay window";
  public static final String REKEY = "Key update";
  public static final String INTEGRITY = "Integrity-only mode";
  public static final String MAX_SESSIONS = "Max sessions";
  public static final String CLOSE = "CLOSE and ALERT";
  public static final String ERRORS = "Error codes";
}
