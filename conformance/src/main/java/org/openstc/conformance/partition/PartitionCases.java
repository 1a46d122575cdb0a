package org.openstc.conformance.partition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openstc.conformance.ConformanceCase;

/** The registry of cases for {@code -target partition}, in run order. */
public final class PartitionCases {
  private PartitionCases() {}

  public static List<ConformanceCase<PartitionTarget>> all() {
    List<ConformanceCase<PartitionTarget>> out = new ArrayList<>();
    out.addAll(HandshakeCases.cases());
    out.addAll(OpenCases.cases());
    out.addAll(ActivateCases.cases());
    out.addAll(FrameCases.cases());
    out.addAll(RecordCases.cases());
    out.addAll(PackedCases.cases());
    out.addAll(PolicyCases.cases());
    Set<String> ids = new HashSet<>();
    for (ConformanceCase<PartitionTarget> c : out) {
      if (!ids.add(c.id())) {
        throw new IllegalStateException("duplicate case id " + c.id());
      }
    }
    return List.copyOf(out);
  }
}
