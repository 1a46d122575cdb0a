package org.openstc.conformance;

/**
 * The docs/protocol.md clauses (Part 1, and Part 2 section 24a) the cases cite, as {@code §<section> <title>}, in one place
 * so that the report follows the spec's numbering. Each constant names the section that states
 * the rule the case checks.
 */
public final class Clauses {
  private Clauses() {}

  public static final String KEYS = "§3.4 DH functions";
  public static final String SUITES = "§4 Suites";
  public static final String FRAMES = "§6.3 Decoding rules";
  public static final String PROLOGUE = "§7.1 The prologue";
  public static final String OPEN = "§7.3 Partition processing";
  public static final String SELECTION = "§8.1 The selection rule";
  public static final String RETRY = "§8.2 RETRY";
  public static final String OPEN_RESPONSE = "§9 OPEN_RESPONSE";
  public static final String ACTIVATE = "§10 ACTIVATE";
  public static final String CLIENT_STATES = "§11.1 Client state machine";
  public static final String PARTITION_STATES = "§11.2 Partition state machine";
  public static final String PROTECTION = "§12.3 Protection";
  public static final String RECEIVING = "§14 Receiving a record";
  public static final String REPLAY = "§15 Replay window";
  public static final String REKEY = "§16 Key updates";
  public static final String SEQUENCE = "§17 Sequence number limits";
  public static final String CLOSE = "§18 CLOSE, ALERT and REJECT";
  public static final String ACTIVATION_TIMEOUT = "§19 Activation timeout";
  public static final String LIMITS = "§20 Limits";
  public static final String INTEGRITY = "§9/§12.3 Integrity-only mode";
  public static final String ERRORS = "§21 Error codes";
  public static final String SEVERAL = "§24a Several messages per record";
}
