package org.openstc.stc.vectors;

import java.util.List;
import org.openstc.stc.StcError;

/**
 * One test of the vector file. A valid case runs to its end; an invalid one fails at its last step,
 * where the receiver must refuse the frame with {@link #expectedError}.
 */
public record VectorCase(int tcId, String comment, List<String> flags, boolean valid, Setup setup,
    List<Step> steps, StcError expectedError) {

  public VectorCase {
    flags = List.copyOf(flags);
    steps = List.copyOf(steps);
  }

  public String result() {
    return valid ? "valid" : "invalid";
  }
}
