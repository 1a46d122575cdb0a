package org.openstc.partition.server;

import org.openstc.stc.StcError;
import org.openstc.stc.StcException;

/**
 * A pending connection refused by one of the {@link HandshakeLimits}: it gets a REJECT with
 * {@code reject}'s code and is counted in the {@link FailureLog} under {@code kind}
 * ({@code limit: ...}) rather than under the code's name.
 */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;
  final String kind;
  final transient StcException reject;

  Refusal(String kind, StcError error, String reason) {
    super(kind, null, false, false);
    this.kind = kind;
    this.reject = new StcException(error, reason);
  }
}
