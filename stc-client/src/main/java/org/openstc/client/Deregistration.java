package org.openstc.client;

import org.openstc.token.RegisteredPartition;

/**
 * What {@link StcClient#deregisterEverywhere()} did on one partition registered in the token.
 *
 * @param failure why the partition could not be reached ({@link Outcome#UNREACHABLE} only)
 */
public record Deregistration(RegisteredPartition partition, Outcome outcome,
    StcClientException failure) {

  /** The three ends of one attempt. */
  public enum Outcome {
    /** The partition removed this client's registration. */
    DEREGISTERED,
    /** The partition refused the handshake: this client was not (or no longer) registered. */
    WAS_NOT_REGISTERED,
    /** The partition could not be reached or did not answer: the registration remains. */
    UNREACHABLE
  }

  /** Whether no registration of this client remains on the partition. */
  public boolean gone() {
    return outcome != Outcome.UNREACHABLE;
  }
}
