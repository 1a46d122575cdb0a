package org.openstc.perf;

/** Sizes shared by every transport of the harness. */
final class Message {
  /** The largest message any figure sends (the bulk figure's 64 KiB). */
  static final int MAX_MESSAGE = 64 * 1024 + 64;
  /** Servers answer messages this large with an empty message instead of an echo (bulk). */
  static final int ACK_THRESHOLD = 32 * 1024;

  private Message() {}
}
