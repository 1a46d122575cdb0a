package org.openstc.conformance;

/** An implementation under test, as the runner sees it. */
public interface Target {

  /** One line naming the target for reports ({@code partition 127.0.0.1:5656 serial 42}). */
  String describe();

  /**
   * Runs a well-behaved conversation with the target: after every hostile case the target must
   * still serve a well-behaved peer (BoGo-style). Returns null when it did, or what went wrong.
   */
  String sanityCheck();
}
